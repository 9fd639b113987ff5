import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { failedJob, idleStatus } from './fixtures.js';

describe('payram-updater status', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'GET /upgrade/status': { json: idleStatus } });
  });
  afterEach(() => daemon.close());

  it('says that no job has run when the daemon is IDLE', async () => {
    const result = await runCli(['status'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 0,
      stdout: 'State: IDLE\nNo upgrade job has run yet.\n',
      stderr: '',
    });
    expect(daemon.requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal([
      'GET /upgrade/status',
    ]);
  });

  it('shows a FAILED job with its error and recovery playbook, and still exits 0', async () => {
    daemon.routes.set('GET /upgrade/status', { json: failedJob });

    const result = await runCli(['status'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 0,
      stderr: '',
      stdout: [
        'State:            FAILED',
        'Job:              job-1769524252000-a1b2c3',
        'Mode:             MANUAL',
        'Target:           1.7.0',
        'Current version:  1.6.2',
        'Execution mode:   execute',
        'Message:          Upgrade failed and was rolled back',
        `Backup:           ${failedJob.backup_path}`,
        'Downtime:         4.2 s',
        'Created:          2026-01-27T14:30:52.000Z',
        'Updated:          2026-01-27T14:33:10.000Z',
        `Error:            HEALTHCHECK_FAILED: ${failedJob.error_message}`,
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

  it('prints the job as the daemon sent it with --json', async () => {
    daemon.routes.set('GET /upgrade/status', { json: failedJob });

    const result = await runCli(['status', '--json'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.equal(failedJob);
  });

  it('exits 1 and names the problem when the answer has an unexpected shape', async () => {
    daemon.routes.set('GET /upgrade/status', { json: { status: 'healthy' } });

    const result = await runCli(['status'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(
      /^The daemon's answer to GET \/upgrade\/status has an unexpected shape \(state must be a string \(was missing\)\)/,
    );
  });
});
