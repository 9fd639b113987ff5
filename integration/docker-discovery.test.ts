import { expect } from 'chai';
import { join } from 'node:path';
import Docker from 'dockerode';
import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { postJson, repoRoot, startDaemon, type DaemonProcess } from './support/daemon-process.js';

const repo = 'payram-updater-it/trivial-payram';
const context = join(repoRoot, 'integration/fixtures/trivial-payram');

async function buildVersion(version: string): Promise<string> {
  const image = `${repo}:${version}`;
  await GenericContainer.fromDockerfile(context)
    .withBuildArgs({ VERSION: version })
    .build(image, { deleteOnExit: false });
  return image;
}

describe('discovering the Payram container through the Docker engine', () => {
  const docker = new Docker();
  const containers: StartedTestContainer[] = [];
  let dir: TempDir;
  let daemon: DaemonProcess | undefined;

  before(async () => {
    const older = await buildVersion('1.7.8');
    const newer = await buildVersion('1.7.9');
    containers.push(await new GenericContainer(older).withName('payram-it-older').start());
    containers.push(await new GenericContainer(newer).withName('payram-it-newer').start());
    dir = await makeTempDir();
    daemon = await startDaemon({
      POLICY_URL: join(repoRoot, 'data/upgrade-policy.json'),
      RUNTIME_MANIFEST_URL: join(repoRoot, 'data/runtime-manifest.json'),
      IMAGE_REPO_OVERRIDE: repo,
      STATE_DIR: join(dir.path, 'state'),
      LOG_DIR: join(dir.path, 'logs'),
    });
  });

  after(async () => {
    await daemon?.kill('SIGKILL');
    await Promise.all(containers.map((c) => c.stop()));
    for (const version of ['1.7.8', '1.7.9']) {
      await docker
        .getImage(`${repo}:${version}`)
        .remove({ force: true })
        .catch(() => undefined);
    }
    await dir.remove();
  });

  it('picks the running container with the highest semver tag and reads its version label', async () => {
    const { status, body } = await postJson(`${daemon!.url}/upgrade/plan`, {
      mode: 'MANUAL',
      requested_target: '1.8.0',
    });
    expect(status).to.equal(200);
    expect(body.plan).to.include({
      container: 'payram-it-newer',
      current_version: '1.7.9',
      current_version_source: 'label',
      image: `${repo}:1.8.0`,
    });
  });

  it('uses the observed version over the client hint for breakpoint crossing', async () => {
    const { status, body } = await postJson(`${daemon!.url}/upgrade/plan`, {
      mode: 'DASHBOARD',
      requested_target: '1.9.0',
      current_version: '1.8.1',
    });
    expect(status).to.equal(422);
    expect(body.code).to.equal('MANUAL_UPGRADE_REQUIRED');
    expect(body.error).to.include('upgrading from 1.7.9 crosses breakpoint 1.8.0');
  });

  it('runs a dry-run job against the discovered container and ends READY', async () => {
    const { status, body } = await postJson(`${daemon!.url}/upgrade`, {
      mode: 'MANUAL',
      requested_target: '1.8.0',
    });
    expect(status).to.equal(201);
    expect(body.state).to.equal('READY');
    const log = await (await fetch(`${daemon!.url}/upgrade/logs`)).text();
    expect(log).to.include('would: Stop payram-it-newer, rename it aside');
    const running = await docker.listContainers({ filters: { name: ['payram-it-newer'] } });
    expect(running.map((c) => c.State)).to.deep.equal(['running']);
  });
});
