import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { freePort, getJson, repoRoot } from './support/daemon-process.js';
import { buildDummyImage, dummyRepo, startDummy, type StartedDummy } from './support/data-dummy.js';
import { defaultBridgeGateway, requestFromSibling } from './support/sibling-request.js';
import { buildUpdaterImage } from './support/updater-image.js';
import {
  dockerHealth,
  startUpdaterContainer,
  type StartedUpdater,
} from './support/updater-container.js';

const run = promisify(execFile);
const suffix = randomBytes(3).toString('hex');
const upgrade = { mode: 'DASHBOARD', requested_target: '1.7.9' };

describe('the updater image, end to end: a sibling container upgrades Payram through the bridge gateway', () => {
  const token = randomBytes(24).toString('hex');
  // Whatever before() managed to create, removed in reverse order even when it failed halfway.
  const cleanups: (() => Promise<unknown>)[] = [];
  let dir: TempDir;
  let payram: StartedDummy;
  let updater: StartedUpdater;
  let viaGateway: string;

  before(async () => {
    const [image] = await Promise.all([
      buildUpdaterImage(),
      buildDummyImage('1.7.8'),
      buildDummyImage('1.7.9'),
    ]);
    dir = await makeTempDir();
    cleanups.push(() => dir.remove());
    payram = await startDummy({
      image: `${dummyRepo}:1.7.8`,
      name: `e2e-payram-${suffix}`,
      dataDir: join(dir.path, 'pgdata'),
    });
    cleanups.push(() => payram.stop());
    const port = await freePort();
    updater = await startUpdaterContainer({
      image,
      name: `e2e-updater-${suffix}`,
      port,
      hostDir: join(dir.path, 'updater'),
      settings: {
        // The documents bundled in the image, as the compose demo uses them.
        POLICY_URL: '/app/data/upgrade-policy.json',
        RUNTIME_MANIFEST_URL: '/app/data/runtime-manifest.json',
        EXECUTION_MODE: 'execute',
        TARGET_CONTAINER_NAME: payram.name,
        IMAGE_REPO_OVERRIDE: dummyRepo,
        SKIP_DOCKER_PULL: 'true',
        UPDATER_API_TOKEN: token,
      },
    });
    cleanups.push(() => updater.remove());
    viaGateway = `http://${await defaultBridgeGateway()}:${port}`;
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('answers a sibling container on the gateway address, and reports healthy to Docker', async () => {
    const health = await requestFromSibling({ method: 'GET', url: `${viaGateway}/health` });
    expect(health).to.deep.equal({ status: 200, body: { status: 'healthy' } });
    await waitFor(async () => (await dockerHealth(updater.id)) === 'healthy', 60_000);
  });

  it('refuses a sibling without the token, or with a wrong one, and records nothing', async () => {
    const url = `${viaGateway}/upgrade`;
    const without = await requestFromSibling({ method: 'POST', url, body: upgrade });
    const wrong = await requestFromSibling({
      method: 'POST',
      url,
      body: upgrade,
      token: randomBytes(24).toString('hex'),
    });
    for (const answer of [without, wrong]) {
      expect(answer.status).to.equal(401);
      expect(answer.body).to.have.property('code').that.is.a('string');
    }
    const status = await getJson(`${updater.baseUrl}/upgrade/status`);
    expect(status.body).to.include({ state: 'IDLE' });
  });

  it('upgrades Payram on POST /upgrade from a sibling, and the CLI in the container shows it', async () => {
    const created = await requestFromSibling({
      method: 'POST',
      url: `${viaGateway}/upgrade`,
      body: upgrade,
      token,
    });
    expect(created.status).to.equal(201);
    const jobId = (created.body as { job_id: string }).job_id;

    await waitFor(async () => {
      const { body } = await getJson(`${updater.baseUrl}/upgrade/status`);
      return body['state'] === 'READY' || body['state'] === 'FAILED';
    }, 180_000);
    const version = await getJson(`${payram.baseUrl}/api/v1/version`);
    expect(version.body).to.deep.equal({ version: '1.7.9' });

    const human = await updater.cli(['status']);
    expect(human.exitCode, human.stderr).to.equal(0);
    expect(human.stdout)
      .to.match(/State:\s+READY/)
      .and.to.include(jobId);
    const machine = await updater.cli(['status', '--json']);
    expect(JSON.parse(machine.stdout)).to.include({
      job_id: jobId,
      state: 'READY',
      resolved_target: '1.7.9',
    });
  });

  it('answers the same through the host wrapper, which runs the CLI in the container', async () => {
    const wrapper = join(repoRoot, 'packaging/bin/payram-updater');
    const { stdout } = await run(wrapper, ['history', '--json'], {
      env: { ...process.env, PAYRAM_UPDATER_CONTAINER: updater.name },
    });
    const events = (JSON.parse(stdout) as { logs: { type: string; status: string }[] }).logs;
    expect(events.map((event) => [event.type, event.status])).to.deep.include([
      'upgrade',
      'succeeded',
    ]);
    const missing = await run(wrapper, ['status'], {
      env: { ...process.env, PAYRAM_UPDATER_CONTAINER: `no-such-updater-${suffix}` },
    }).catch((err: unknown) => err as { code: number; stderr: string });
    expect(missing).to.include({ code: 1 });
    expect(missing.stderr).to.include('is not running');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await sleep(500);
  }
}
