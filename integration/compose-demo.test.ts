import { execFile } from 'node:child_process';
import { readFile, readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { expect } from 'chai';
import { BuildWatch } from './support/build-leftovers.js';
import { getJson, repoRoot } from './support/daemon-process.js';
import { compose } from './support/compose.js';

const run = promisify(execFile);
const docker = new Docker();

// What the demo creates beyond its containers and volumes (removed by `down -v`).
const demoImages = ['payram-updater:0.1.0', 'payram-demo/payram:1.7.8', 'payram-demo/payram:1.7.9'];
// The production service bind-mounts these; Docker creates them on the host when missing.
const hostDirs = ['/etc/payram', '/var/lib/payram', '/var/log/payram'];

describe('compose.yaml', () => {
  it('is accepted by Compose, with and without the demo profile', async () => {
    const { stdout } = await compose(['config']);
    expect(stdout).to.match(/network_mode: host/);
    const demo = await compose(['--profile', 'demo', 'config', '--services']);
    expect(demo.stdout.split('\n').filter(Boolean).sort()).to.deep.equal([
      'payram-demo',
      'payram-demo-next',
      'updater',
      'updater-demo',
    ]);
  });
});

describe('the README demo, run as written: compose demo profile, then one curl', () => {
  let imagesBefore: Set<string>;
  let dirsBefore: Set<string>;
  let builds: BuildWatch;

  before(async () => {
    builds = await BuildWatch.start();
    imagesBefore = await presentImages();
    dirsBefore = new Set((await Promise.all(hostDirs.map(existing))).flat());
  });
  after(async () => {
    await compose(['--profile', 'demo', 'down', '-v', '--remove-orphans']);
    for (const image of demoImages.filter((name) => !imagesBefore.has(name)))
      await docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
    // Compose builds the updater's image with the classic builder, which keeps its build stage.
    await builds.removeLeftovers();
    for (const dir of hostDirs.filter((path) => !dirsBefore.has(path))) await removeIfEmpty(dir);
  });

  it('upgrades the demo Payram from 1.7.8 to 1.7.9', async () => {
    const block = await readmeFirstBlock();
    expect(block).to.include('scripts/demo.sh').and.to.include('curl -X POST');
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', block], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).to.include('Upgrade job created successfully');

    const job = await waitForEnd('http://127.0.0.1:2360/upgrade/status');
    expect(job, JSON.stringify(job)).to.include({ state: 'READY', resolved_target: '1.7.9' });
    const version = await getJson('http://127.0.0.1:18080/api/v1/version');
    expect(version.body).to.deep.equal({ version: '1.7.9' });
    const demo = await docker.getContainer('payram-demo').inspect();
    expect(demo.Config.Image).to.equal('payram-demo/payram:1.7.9');
  });
});

/** The first bash block under "On a fresh machine": what a newcomer types first. */
async function readmeFirstBlock(): Promise<string> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## On a fresh machine'));
  const match = /```bash\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error('README: no bash block under "On a fresh machine"');
  return match[1]!;
}

async function waitForEnd(url: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const { body } = await getJson(url);
    if (body['state'] === 'READY' || body['state'] === 'FAILED') return body;
    if (Date.now() > deadline) throw new Error(`no end within 180 s: ${JSON.stringify(body)}`);
    await sleep(500);
  }
}

async function presentImages(): Promise<Set<string>> {
  const images = await docker.listImages();
  return new Set(images.flatMap((image) => image.RepoTags ?? []));
}

async function existing(path: string): Promise<string[]> {
  return readdir(path).then(
    () => [path],
    () => [],
  );
}

async function removeIfEmpty(path: string): Promise<void> {
  await rmdir(path).catch(() => undefined);
}
