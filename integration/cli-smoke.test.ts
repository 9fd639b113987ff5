import { expect } from 'chai';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { runCli } from './support/cli-process.js';
import { freePort, repoRoot, startDaemon, type DaemonProcess } from './support/daemon-process.js';

describe('the smoke sequence: CLI → daemon on the bundled data files', () => {
  const token = 'smoke-test-token-0123456789abcdef';
  let dir: TempDir;
  let daemon: DaemonProcess;
  let cliEnv: Record<string, string>;

  before(async () => {
    dir = await makeTempDir();
    daemon = await startDaemon({
      POLICY_URL: join(repoRoot, 'data/upgrade-policy.json'),
      RUNTIME_MANIFEST_URL: join(repoRoot, 'data/runtime-manifest.json'),
      STATE_DIR: join(dir.path, 'state'),
      LOG_DIR: join(dir.path, 'logs'),
      TARGET_CONTAINER_NAME: 'payram-updater-smoke-absent',
      UPDATER_API_TOKEN: token,
    });
    cliEnv = { PAYRAM_UPDATER_URL: daemon.url, UPDATER_API_TOKEN: token };
  });
  after(async () => {
    await daemon.kill();
    await dir.remove();
  });

  it('health answers', async () => {
    const res = await fetch(`${daemon.url}/health`);
    expect(await res.json()).to.deep.equal({ status: 'healthy' });
  });

  it('dry-run --mode dashboard --to 1.8.0 → FAILED MANUAL_UPGRADE_REQUIRED, exit 1', async () => {
    const result = await runCli(['dry-run', '--mode', 'dashboard', '--to', '1.8.0'], cliEnv);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.include('State: FAILED (MANUAL_UPGRADE_REQUIRED)');
  });

  it('dry-run --mode manual --to 1.8.0 → READY, exit 0', async () => {
    const result = await runCli(['dry-run', '--mode', 'manual', '--to', '1.8.0'], cliEnv);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.match(/State: READY\n$/);
  });

  it('refuses a dashboard upgrade to 1.9.0 from a version below 1.8.0 (crossing)', async () => {
    const args = [
      'dry-run',
      '--mode',
      'dashboard',
      '--to',
      '1.9.0',
      '--current',
      '1.7.9',
      '--json',
    ];
    const result = await runCli(args, cliEnv);
    expect(result.code).to.equal(1);
    const body = JSON.parse(result.stdout) as { code: string; error: string };
    expect(body.code).to.equal('MANUAL_UPGRADE_REQUIRED');
    expect(body.error).to.include('crosses breakpoint 1.8.0');
  });

  it('resolves latest by semver (1.12.0 above 1.9.1)', async () => {
    const result = await runCli(
      ['dry-run', '--mode', 'manual', '--to', 'latest', '--json'],
      cliEnv,
    );
    expect(result.code).to.equal(0);
    expect(
      (JSON.parse(result.stdout) as { plan: { resolved_target: string } }).plan.resolved_target,
    ).to.equal('1.12.0');
  });

  it('run without a terminal and without --yes exits 2 and starts nothing', async () => {
    const result = await runCli(['run', '--mode', 'manual', '--to', '1.9.0'], cliEnv);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('--yes');
    const status = await runCli(['status', '--json'], cliEnv);
    expect(JSON.parse(status.stdout)).to.include({ state: 'IDLE' });
  });

  it('run --yes starts a dry-run job; status, logs and history show it', async () => {
    const run = await runCli(['run', '--mode', 'manual', '--to', '1.9.0', '--yes'], cliEnv);
    expect(run.code).to.equal(0);
    const jobId = /Started upgrade job (\S+) \(state=READY\)/.exec(run.stdout)?.[1];
    expect(jobId).to.be.a('string');

    const status = JSON.parse((await runCli(['status', '--json'], cliEnv)).stdout) as Record<
      string,
      unknown
    >;
    expect(status).to.include({ job_id: jobId, state: 'READY', resolved_target: '1.9.0' });
    const logs = await runCli(['logs'], cliEnv);
    expect(logs.stdout).to.include('[dry-run] would: Pull payramapp/payram:1.9.0');
    const history = await runCli(
      ['history', '--type', 'upgrade', '--status', 'succeeded', '--json'],
      cliEnv,
    );
    expect((JSON.parse(history.stdout) as { logs: { job_id: string }[] }).logs[0]?.job_id).to.equal(
      jobId,
    );
  });

  it('is refused without the token, and says so', async () => {
    const result = await runCli(['run', '--mode', 'manual', '--to', '1.9.0', '--yes'], {
      PAYRAM_UPDATER_URL: daemon.url,
    });
    expect(result.code).to.equal(1);
    expect(result.stdout + result.stderr).to.include('UNAUTHORIZED');
  });

  it('says clearly when the daemon is not reachable, exit 1', async () => {
    const closed = await freePort();
    const result = await runCli(['status'], { PAYRAM_UPDATER_URL: `http://127.0.0.1:${closed}` });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('daemon is not reachable');
  });
});
