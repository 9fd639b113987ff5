import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import {
  getJson,
  postJson,
  repoRoot,
  startDaemon,
  type DaemonProcess,
} from './support/daemon-process.js';
import { runCli } from './support/cli-process.js';
import { startHeldPolicyServer } from './support/held-policy-server.js';

const policyFile = join(repoRoot, 'data/upgrade-policy.json');
const manifestFile = join(repoRoot, 'data/runtime-manifest.json');

async function waitForState(
  url: string,
  state: string,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getJson(`${url}/upgrade/status`);
    if (body.state === state) return body;
    if (Date.now() > deadline)
      throw new Error(`state stayed ${String(body.state)}, wanted ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the daemon as a process', () => {
  let dir: TempDir;
  let daemon: DaemonProcess | undefined;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = await makeTempDir();
    env = {
      STATE_DIR: join(dir.path, 'state'),
      LOG_DIR: join(dir.path, 'logs'),
      RUNTIME_MANIFEST_URL: manifestFile,
      // No Payram container exists for these tests: discovery must say so, not fail.
      TARGET_CONTAINER_NAME: 'payram-updater-it-absent',
    };
  });
  afterEach(async () => {
    await daemon?.kill('SIGKILL');
    daemon = undefined;
    await dir.remove();
  });

  it('accepts exactly one of 50 concurrent POST /upgrade while a job is held, and its state file stays whole', async () => {
    const policy = await startHeldPolicyServer(policyFile);
    try {
      daemon = await startDaemon({ ...env, POLICY_URL: policy.url });
      const first = postJson(`${daemon.url}/upgrade`, {
        mode: 'MANUAL',
        requested_target: '1.9.0',
      });
      await waitForState(daemon.url, 'POLICY_FETCHING');

      const stateFile = join(env.STATE_DIR!, 'job.json');
      const reads = Array.from({ length: 50 }, () =>
        readFile(stateFile, 'utf8').then((t) => JSON.parse(t) as unknown),
      );
      const racers = Array.from({ length: 50 }, () =>
        postJson(`${daemon!.url}/upgrade`, { mode: 'DASHBOARD', requested_target: '1.9.1' }),
      );
      const results = await Promise.all(racers);
      await Promise.all(reads);
      policy.release();
      const accepted = await first;

      expect(results.map((r) => r.status)).to.deep.equal(Array(50).fill(409));
      expect(results.every((r) => r.body.code === 'CONCURRENCY_BLOCKED')).to.equal(true);
      expect(results[0]!.body.error).to.equal('An upgrade job is already in progress');
      expect(accepted.status).to.equal(201);
      expect(policy.requests()).to.equal(1);
      const final = JSON.parse(await readFile(stateFile, 'utf8')) as { id: string; state: string };
      expect(final).to.include({ id: accepted.body.job_id, state: 'READY' });
    } finally {
      await policy.close();
    }
  });

  it('ends a job interrupted by SIGKILL as UPDATER_INTERRUPTED on restart, and takes new jobs', async () => {
    const policy = await startHeldPolicyServer(policyFile);
    try {
      daemon = await startDaemon({ ...env, POLICY_URL: policy.url });
      void postJson(`${daemon.url}/upgrade`, { mode: 'MANUAL', requested_target: '1.9.0' }).catch(
        () => undefined,
      );
      const held = await waitForState(daemon.url, 'POLICY_FETCHING');
      await daemon.kill('SIGKILL');

      policy.release();
      daemon = await startDaemon({ ...env, POLICY_URL: policy.url }, daemon.port);
      const status = await getJson(`${daemon.url}/upgrade/status`);
      expect(status.body).to.include({
        job_id: held.job_id,
        state: 'FAILED',
        error_code: 'UPDATER_INTERRUPTED',
      });
      const log = await (await fetch(`${daemon.url}/upgrade/logs`)).text();
      expect(log).to.match(
        /ERROR UPDATER_INTERRUPTED: The updater stopped while the job was in POLICY_FETCHING/,
      );
      const history = await getJson(`${daemon.url}/history?type=upgrade&status=failed`);
      expect(history.body.logs).to.have.length(1);

      const next = await postJson(`${daemon.url}/upgrade`, {
        mode: 'MANUAL',
        requested_target: '1.9.0',
      });
      expect(next.status).to.equal(201);
      expect(next.body.state).to.equal('READY');
    } finally {
      await policy.close();
    }
  });

  it('streams the job log with logs -f while the job runs, and ends when the job ends', async () => {
    const policy = await startHeldPolicyServer(policyFile);
    try {
      daemon = await startDaemon({ ...env, POLICY_URL: policy.url });
      const job = postJson(`${daemon.url}/upgrade`, { mode: 'MANUAL', requested_target: '1.9.0' });
      await waitForState(daemon.url, 'POLICY_FETCHING');
      const following = runCli(['logs', '-f'], { PAYRAM_UPDATER_URL: daemon.url });
      await new Promise((resolve) => setTimeout(resolve, 500));
      policy.release();
      await job;

      const result = await following;
      expect(result.code).to.equal(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).to.match(/INFO {2}Job job-\S+ created: MANUAL upgrade to 1\.9\.0/);
      expect(lines.at(-1)).to.match(/INFO {2}Dry run complete/);
      expect(new Set(lines).size).to.equal(lines.length);
    } finally {
      await policy.close();
    }
  });

  it('stops at start with a message naming a bad variable', async () => {
    let error: Error | undefined;
    try {
      daemon = await startDaemon({ ...env, POLICY_URL: policyFile, UPDATER_PORT: 'eighty' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/UPDATER_PORT/);
  });
});
