import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

const retried = {
  action: 'retried',
  message: 'DOCKER_PULL_FAILED is retryable: the upgrade to 1.7.9 was started again',
  job_id: 'job-1769530000000-d4e5f6',
  state: 'POLICY_FETCHING',
};

const refused = {
  error: 'Automated recovery is refused for MIGRATION_FAILED: the database may be half migrated',
  code: 'RECOVERY_REFUSED',
  failure_code: 'MIGRATION_FAILED',
  manual_steps: [
    'docker logs --tail 200 payram',
    'payram-updater backup restore --file /var/lib/payram/backups/x.dump',
  ],
  playbook: {
    code: 'MIGRATION_FAILED',
    severity: 'MANUAL_REQUIRED',
    data_risk: 'LIKELY',
    title: 'A database migration failed',
    ssh_steps: ['docker logs --tail 200 payram'],
    docs_url: 'https://docs.example.com/recovery/migrations',
  },
};

const nothing = {
  error: 'The last upgrade job did not fail: there is nothing to recover',
  code: 'NOTHING_TO_RECOVER',
};

describe('payram-updater recover', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'POST /upgrade/recover': { json: retried } });
  });
  afterEach(() => daemon.close());

  it('prints the action, the message and the retried job, exit 0', async () => {
    const result = await runCli(['recover'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 0,
      stderr: '',
      stdout: [
        'Recovery action: retried',
        retried.message,
        'Started job job-1769530000000-d4e5f6 (state=POLICY_FETCHING).',
        "Follow it with 'payram-updater status' and 'payram-updater logs -f'.",
        '',
      ].join('\n'),
    });
    expect(daemon.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).to.deep.equal([
      'POST /upgrade/recover ',
    ]);
  });

  it('prints why recovery was refused and the numbered manual steps, exit 1', async () => {
    daemon.routes.set('POST /upgrade/recover', { status: 422, json: refused });

    const result = await runCli(['recover'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 1,
      stderr: '',
      stdout: [
        `Recovery refused: ${refused.error}`,
        'Failed with: MIGRATION_FAILED',
        'Manual steps:',
        '  1. docker logs --tail 200 payram',
        '  2. payram-updater backup restore --file /var/lib/payram/backups/x.dump',
        'Docs: https://docs.example.com/recovery/migrations',
        '',
      ].join('\n'),
    });
  });

  it('falls back to the playbook steps when a refusal lists no manual steps', async () => {
    const withoutSteps = { ...refused, manual_steps: undefined };
    daemon.routes.set('POST /upgrade/recover', { status: 422, json: withoutSteps });

    const result = await runCli(['recover'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(1);
    expect(result.stdout).to.contain('Manual steps:\n  1. docker logs --tail 200 payram\n');
  });

  it('prints the message and exits 0 when there is nothing to recover', async () => {
    daemon.routes.set('POST /upgrade/recover', { status: 409, json: nothing });

    const result = await runCli(['recover'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({ code: 0, stdout: `${nothing.error}\n`, stderr: '' });
  });

  it('exits 1 with the code on any other refusal, such as a busy daemon', async () => {
    const busy = { error: 'An upgrade job is already in progress', code: 'CONCURRENCY_BLOCKED' };
    daemon.routes.set('POST /upgrade/recover', { status: 409, json: busy });

    const result = await runCli(['recover'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 1,
      stdout: '',
      stderr: 'Error (CONCURRENCY_BLOCKED): An upgrade job is already in progress\n',
    });
  });

  const jsonCases = [
    { status: 200, body: retried, code: 0 },
    { status: 422, body: refused, code: 1 },
    { status: 409, body: nothing, code: 0 },
  ];
  for (const { status, body, code } of jsonCases) {
    it(`prints the daemon answer with --json and exits ${code} on ${status}`, async () => {
      daemon.routes.set('POST /upgrade/recover', { status, json: body });

      const result = await runCli(['recover', '--json'], { daemonUrl: daemon.url });

      expect(result).to.deep.include({ code, stderr: '' });
      expect(JSON.parse(result.stdout)).to.deep.equal(body);
    });
  }
});
