import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import Docker from 'dockerode';
import { expect } from 'chai';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { freePort, getJson, repoRoot } from './support/daemon-process.js';
import { waitForHttp } from './support/data-dummy.js';
import { writeUpdaterEnv } from './support/updater-container.js';
import { buildUpdaterImage } from './support/updater-image.js';

const run = promisify(execFile);
const docker = new Docker();

/**
 * systemd cannot run here (it is not PID 1), so the unit's own command lines are run the way
 * systemd runs them: ExecStartPre, ExecStart in the foreground with its output collected as
 * the journal would, then ExecStop. Only the host folders and the container name are swapped
 * for the test's own.
 */
describe('packaging/systemd/payram-updater.service: its commands run the updater', () => {
  let dir: TempDir;
  let commands: UnitCommands;
  let port: number;
  const name = `payram-updater-unit-${randomBytes(3).toString('hex')}`;

  before(async () => {
    const image = await buildUpdaterImage();
    dir = await makeTempDir();
    port = await freePort();
    const etc = await writeUpdaterEnv(join(dir.path, 'host'), port, {
      POLICY_URL: '/app/data/upgrade-policy.json',
      RUNTIME_MANIFEST_URL: '/app/data/runtime-manifest.json',
    });
    const unit = await readFile(join(repoRoot, 'packaging/systemd/payram-updater.service'), 'utf8');
    commands = unitCommands(unit, {
      'payram-updater': name,
      '${PAYRAM_UPDATER_IMAGE}': image,
      '/var/lib/payram:/var/lib/payram': `${etc.state}:/var/lib/payram`,
      '/var/log/payram:/var/log/payram': `${etc.logs}:/var/log/payram`,
      '/etc/payram:/etc/payram:ro': `${etc.etc}:/etc/payram:ro`,
    });
  });
  after(async () => {
    await docker
      .getContainer(name)
      .remove({ force: true, v: true })
      .catch(() => undefined);
    await dir.remove();
  });

  it('starts in the foreground with its log on stdout, and stops cleanly on ExecStop', async () => {
    await run(commands.startPre[0]!, commands.startPre.slice(1)).catch(() => undefined);
    const service = spawn(commands.start[0]!, commands.start.slice(1));
    let journal = '';
    service.stdout.on('data', (chunk: Buffer) => (journal += chunk.toString()));
    service.stderr.on('data', (chunk: Buffer) => (journal += chunk.toString()));
    const exited = once(service, 'exit');

    await waitForHttp(`http://127.0.0.1:${port}/health`, (s) => s === 200, 60_000);
    const status = await getJson(`http://127.0.0.1:${port}/upgrade/status`);
    expect(status.body).to.include({ state: 'IDLE' });
    expect(journal).to.include('"msg":"listening"');

    await run(commands.stop[0]!, commands.stop.slice(1));
    const [code] = (await exited) as [number | null];
    expect(code, journal).to.equal(0);
    expect(journal).to.include('shutting down');
    const left = await docker.listContainers({ all: true, filters: { name: [name] } });
    expect(left, 'docker run --rm removes the container').to.deep.equal([]);
  });
});

interface UnitCommands {
  startPre: string[];
  start: string[];
  stop: string[];
}

/** The Exec lines of a unit, continuation lines joined, split as systemd splits unquoted words. */
function unitCommands(unit: string, swaps: Record<string, string>): UnitCommands {
  const lines = unit.replace(/\\\n\s*/g, ' ').split('\n');
  const command = (key: string): string[] => {
    const line = lines.find((text) => text.startsWith(`${key}=`));
    if (line === undefined) throw new Error(`the unit has no ${key}=`);
    const words = line
      .slice(key.length + 1)
      .replace(/^-/, '')
      .trim()
      .split(/\s+/);
    return words.map((word) => swaps[word] ?? word);
  };
  return {
    startPre: command('ExecStartPre'),
    start: command('ExecStart'),
    stop: command('ExecStop'),
  };
}
