import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { failedJob } from './fixtures.js';

const healthy = {
  overall_state: 'OK',
  issues: [],
  recommendations: [],
  checks: {
    docker: { ok: true, detail: 'Docker 27.3.1 reachable' },
    container: { ok: true, detail: 'payram is running payramapp/payram:1.7.8' },
    core: { ok: true, detail: 'health ok, db ok' },
  },
  playbook: null,
  update: {
    current_version: '1.7.8',
    latest_version: '1.7.9',
    dashboard_can_upgrade: true,
    dashboard_max_target: '1.7.9',
  },
  checked_at: '2026-01-27T15:00:00.000Z',
};

const broken = {
  overall_state: 'BROKEN',
  issues: [
    { component: 'core', severity: 'CRITICAL', description: 'The core does not answer on :8080' },
    { component: 'last_job', severity: 'WARNING', description: 'The last upgrade failed' },
  ],
  recommendations: ['Follow the recovery playbook below', 'Run payram-updater recover'],
  checks: {
    docker: { ok: true, detail: 'Docker 27.3.1 reachable' },
    core: { ok: false, detail: 'connect ECONNREFUSED 127.0.0.1:8080' },
  },
  playbook: failedJob.recovery_playbook,
  update: {
    current_version: null,
    latest_version: '1.7.9',
    dashboard_can_upgrade: false,
    dashboard_max_target: null,
  },
  checked_at: '2026-01-27T15:00:00.000Z',
};

describe('payram-updater inspect', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'GET /upgrade/inspect': { json: healthy } });
  });
  afterEach(() => daemon.close());

  it('prints the overall state first, then checks and update information; OK exits 0', async () => {
    const result = await runCli(['inspect'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 0,
      stderr: '',
      stdout: [
        'Overall: OK',
        'Checked at:  2026-01-27T15:00:00.000Z',
        'Checks:',
        '  ✓ docker     Docker 27.3.1 reachable',
        '  ✓ container  payram is running payramapp/payram:1.7.8',
        '  ✓ core       health ok, db ok',
        'Issues: none',
        'Update:',
        '  Current version:    1.7.8',
        '  Latest version:     1.7.9',
        '  Dashboard upgrade:  allowed, up to 1.7.9',
        '',
      ].join('\n'),
    });
    expect(daemon.requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal([
      'GET /upgrade/inspect',
    ]);
  });

  it('shows failed checks, issues, advice and the playbook steps; BROKEN exits 1', async () => {
    daemon.routes.set('GET /upgrade/inspect', { json: broken });

    const result = await runCli(['inspect'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 1,
      stderr: '',
      stdout: [
        'Overall: BROKEN',
        'Checked at:  2026-01-27T15:00:00.000Z',
        'Checks:',
        '  ✓ docker  Docker 27.3.1 reachable',
        '  ✗ core    connect ECONNREFUSED 127.0.0.1:8080',
        'Issues:',
        '  CRITICAL  core: The core does not answer on :8080',
        '  WARNING   last_job: The last upgrade failed',
        'Recommendations:',
        '  - Follow the recovery playbook below',
        '  - Run payram-updater recover',
        'Update:',
        '  Current version:    unknown',
        '  Latest version:     1.7.9',
        '  Dashboard upgrade:  not allowed',
        '',
        'Recovery: The new version did not become healthy (severity MANUAL_REQUIRED, data risk POSSIBLE)',
        'The previous container is running again. Check the new version before retrying.',
        'Steps:',
        '  1. docker logs --tail 200 payram',
        '  2. curl -s http://127.0.0.1:8080/api/v1/health',
        'Docs: https://docs.example.com/recovery/healthcheck',
        '',
      ].join('\n'),
    });
  });

  it('exits 0 for DEGRADED', async () => {
    daemon.routes.set('GET /upgrade/inspect', { json: { ...healthy, overall_state: 'DEGRADED' } });

    const result = await runCli(['inspect'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(0);
    expect(result.stdout.split('\n')[0]).to.equal('Overall: DEGRADED');
  });

  for (const [body, code] of [
    [healthy, 0],
    [broken, 1],
  ] as const) {
    it(`prints the daemon answer with --json and keeps exit ${code} for ${body.overall_state}`, async () => {
      daemon.routes.set('GET /upgrade/inspect', { json: body });

      const result = await runCli(['inspect', '--json'], { daemonUrl: daemon.url });

      expect(result.code).to.equal(code);
      expect(JSON.parse(result.stdout)).to.deep.equal(body);
    });
  }

  it('exits 1 and names the problem when the answer has no overall state', async () => {
    daemon.routes.set('GET /upgrade/inspect', { json: { issues: [] } });

    const result = await runCli(['inspect'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(
      /^The daemon's answer to GET \/upgrade\/inspect has an unexpected shape \(overall_state/,
    );
  });
});
