import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

const events = [
  {
    timestamp: '2026-01-27T14:33:10.000Z',
    type: 'upgrade',
    status: 'failed',
    job_id: 'job-2',
    message: 'HEALTHCHECK_FAILED: rolled back',
  },
  {
    timestamp: '2026-01-27T14:31:02.000Z',
    type: 'backup',
    status: 'succeeded',
    job_id: 'job-2',
    message: 'payram-backup-20260127-143052-1.6.2-to-1.7.0.dump',
  },
];

describe('payram-updater history', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'GET /history': { json: { logs: events } } });
  });
  afterEach(() => daemon.close());

  it('prints one line per event in the order received', async () => {
    const result = await runCli(['history'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 0,
      stderr: '',
      stdout: [
        '2026-01-27T14:33:10.000Z  upgrade  failed     job-2  HEALTHCHECK_FAILED: rolled back',
        '2026-01-27T14:31:02.000Z  backup   succeeded  job-2  payram-backup-20260127-143052-1.6.2-to-1.7.0.dump',
        '',
      ].join('\n'),
    });
    expect(daemon.requests.map((r) => r.url)).to.deep.equal(['/history']);
  });

  it('says so when there are no events', async () => {
    daemon.routes.set('GET /history', { json: { logs: [] } });

    const result = await runCli(['history'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({ code: 0, stdout: 'No history events.\n', stderr: '' });
  });

  it('passes the filters as a query string', async () => {
    await runCli(['history', '--type', 'UPGRADE', '--status=failed', '--limit', '25'], {
      daemonUrl: daemon.url,
    });

    expect(daemon.requests.map((r) => r.url)).to.deep.equal([
      '/history?type=upgrade&status=failed&limit=25',
    ]);
  });

  it('prints the events as JSON with --json', async () => {
    const result = await runCli(['history', '--json'], { daemonUrl: daemon.url });

    expect(JSON.parse(result.stdout)).to.deep.equal({ logs: events });
  });

  const invalid: { args: string[]; message: string }[] = [
    { args: ['--limit', '0'], message: '--limit must be a whole number from 1 to 1000, got "0"' },
    {
      args: ['--limit', '1001'],
      message: '--limit must be a whole number from 1 to 1000, got "1001"',
    },
    {
      args: ['--limit', '2.5'],
      message: '--limit must be a whole number from 1 to 1000, got "2.5"',
    },
    {
      args: ['--limit', '0x10'],
      message: '--limit must be a whole number from 1 to 1000, got "0x10"',
    },
    { args: ['--limit', '-3'], message: 'Unknown option `-3`' },
    {
      args: ['--type', 'deploy'],
      message: '--type must be one of upgrade, backup, restore, got "deploy"',
    },
    {
      args: ['--status', 'ok'],
      message: '--status must be one of started, succeeded, failed, got "ok"',
    },
  ];
  for (const { args, message } of invalid) {
    it(`exits 2 without asking the daemon: ${args.join(' ')}`, async () => {
      const result = await runCli(['history', ...args], { daemonUrl: daemon.url });

      expect(result).to.deep.equal({
        code: 2,
        stdout: '',
        stderr: `Error: ${message}\nRun \`payram-updater --help\` for usage.\n`,
      });
      expect(daemon.requests).to.deep.equal([]);
    });
  }
});
