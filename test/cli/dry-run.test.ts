import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { allowedPlan, refusalMessage, refusedPlanAnswer } from './fixtures.js';

describe('payram-updater dry-run', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'POST /upgrade/plan': { json: { plan: allowedPlan } } });
  });
  afterEach(() => daemon.close());

  it('prints the plan and READY, exit 0, when the daemon allows it', async () => {
    const result = await runCli(['dry-run', '--mode', 'dashboard', '--to', 'latest'], {
      daemonUrl: daemon.url,
    });

    expect(result).to.deep.include({ code: 0, stderr: '' });
    expect(result.stdout).to.equal(
      [
        'Mode:                 DASHBOARD',
        'Target:               latest -> 1.7.0',
        'Image:                payramapp/payram:1.7.0',
        'Container:            payram',
        'Current version:      1.6.2 (reported by the core)',
        'Execution mode:       execute',
        'Dashboard can reach:  1.7.0',
        'Steps:',
        '  1. Pull payramapp/payram:1.7.0 before touching anything',
        '  2. Back up the database',
        'State: READY',
        '',
      ].join('\n'),
    );
    expect(daemon.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).to.deep.equal([
      'POST /upgrade/plan {"mode":"DASHBOARD","requested_target":"latest"}',
    ]);
  });

  it('prints the breakpoint and FAILED with the code, exit 1, when the policy refuses', async () => {
    daemon.routes.set('POST /upgrade/plan', { status: 422, json: refusedPlanAnswer });

    const result = await runCli(['dry-run', '--mode', 'dashboard', '--to', '1.5.0'], {
      daemonUrl: daemon.url,
    });

    expect(result.code).to.equal(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).to.include.members([
      'Breakpoints in the way:',
      '  - 1.5.0: Breaking database schema changes (https://docs.example.com/migration-guide)',
      'Dashboard can reach:  1.4.9',
    ]);
    expect(lines.at(-1)).to.equal(`State: FAILED (MANUAL_UPGRADE_REQUIRED): ${refusalMessage}`);
  });

  it('shows FAILED with the code when the refusal carries no plan', async () => {
    const refusal = { error: 'requested_target "1..2" is not a version', code: 'INVALID_TARGET' };
    daemon.routes.set('POST /upgrade/plan', { status: 400, json: refusal });

    const result = await runCli(['dry-run', '--mode', 'manual', '--to', '1..2'], {
      daemonUrl: daemon.url,
    });

    expect(result).to.deep.equal({
      code: 1,
      stdout: 'State: FAILED (INVALID_TARGET): requested_target "1..2" is not a version\n',
      stderr: '',
    });
  });

  it('sends the mode in upper case and versions exactly as typed', async () => {
    await runCli(['dry-run', '--mode', 'MaNuAl', '--to', '1.10', '--current=1.9'], {
      daemonUrl: daemon.url,
    });

    expect(JSON.parse(daemon.requests[0]!.body)).to.deep.equal({
      mode: 'MANUAL',
      requested_target: '1.10',
      current_version: '1.9',
    });
  });

  it('prints the daemon answer as JSON with --json', async () => {
    const result = await runCli(['dry-run', '--mode', 'manual', '--to', '1.7.0', '--json'], {
      daemonUrl: daemon.url,
    });

    expect(result.code).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.equal({ plan: allowedPlan });
  });

  it('prints the refusal as JSON with --json, exit 1', async () => {
    daemon.routes.set('POST /upgrade/plan', { status: 422, json: refusedPlanAnswer });

    const result = await runCli(['--json', 'dry-run', '--mode', 'dashboard', '--to', '1.5.0'], {
      daemonUrl: daemon.url,
    });

    expect(result.code).to.equal(1);
    expect(JSON.parse(result.stdout)).to.deep.equal(refusedPlanAnswer);
  });

  const usageCases: { args: string[]; message: string }[] = [
    { args: ['--to', '1.7.0'], message: '--mode is required, e.g. --mode dashboard' },
    { args: ['--mode', 'manual'], message: '--to is required, e.g. --to 1.7.0' },
    {
      args: ['--mode', 'auto', '--to', '1.7.0'],
      message: '--mode must be "dashboard" or "manual", got "auto"',
    },
    { args: ['--mode', 'manual', '--to'], message: 'option `--to <version>` value is missing' },
  ];
  for (const { args, message } of usageCases) {
    it(`exits 2 without asking the daemon: ${message}`, async () => {
      const result = await runCli(['dry-run', ...args], { daemonUrl: daemon.url });

      expect(result).to.deep.include({ code: 2, stdout: '' });
      expect(result.stderr).to.equal(
        `Error: ${message}\nRun \`payram-updater --help\` for usage.\n`,
      );
      expect(daemon.requests).to.deep.equal([]);
    });
  }
});
