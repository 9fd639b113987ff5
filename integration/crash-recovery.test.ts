import { expect } from 'chai';
import { join } from 'node:path';
import { executionSteps } from '../src/jobs/execution-journal.js';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { buildDummyImage, dummyRepo, startDummy, type StartedDummy } from './support/data-dummy.js';
import type { DaemonProcess } from './support/daemon-process.js';
import {
  containersNamed,
  docker,
  psql,
  removeContainersNamed,
  requestUpgrade,
  startExecuteDaemon,
  waitForEnd,
} from './support/upgrade-harness.js';

const name = 'payram-it-crash';

/** Where each crash must end: before the old container stops, nothing changes; after a verified start, the upgrade completes. */
const expected: Record<
  (typeof executionSteps)[number],
  { state: string; code: string; version: string }
> = {
  pull: { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  backup: { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  create: { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  'disable-restart': { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  'stop-old': { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  'rename-old': { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  'rename-new': { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  'start-new': { state: 'FAILED', code: 'UPDATER_INTERRUPTED', version: '1.7.8' },
  verify: { state: 'READY', code: '', version: '1.7.9' },
  cleanup: { state: 'READY', code: '', version: '1.7.9' },
};

describe('SIGKILL of the daemon at each step of the sequence, then a restart', () => {
  let dir: TempDir;
  let payram: StartedDummy;
  let daemon: DaemonProcess | undefined;

  before(async () => {
    await buildDummyImage('1.7.8');
    await buildDummyImage('1.7.9');
  });

  beforeEach(async () => {
    dir = await makeTempDir();
    payram = await startDummy({
      image: `${dummyRepo}:1.7.8`,
      name,
      dataDir: join(dir.path, 'pgdata'),
    });
    await psql(name, 'INSERT INTO payments(amount) VALUES (7.25)');
  });
  afterEach(async () => {
    await daemon?.kill('SIGKILL');
    await removeContainersNamed(name);
    await dir.remove();
  });

  for (const step of executionSteps) {
    const want = expected[step];
    it(`killed at "${step}": ends ${want.state} ${want.code || ''} with ${want.version} serving as ${name}, no data lost`, async () => {
      const doomed = await startExecuteDaemon(dir.path, name, { UPDATER_FAULT_KILL_AT_STEP: step });
      daemon = doomed;
      await requestUpgrade(doomed, '1.7.9');
      await doomed.exited();
      expect(doomed.child.signalCode).to.equal('SIGKILL');

      daemon = await startExecuteDaemon(dir.path, name, {}, doomed.port);
      const job = await waitForEnd(daemon);

      expect([job.state, job.error_code]).to.deep.equal([want.state, want.code]);
      const serving = await containersNamed(name);
      expect(serving.map((c) => [c.name, c.state])).to.deep.equal([[name, 'running']]);
      expect(serving[0]!.image).to.equal(`${dummyRepo}:${want.version}`);
      const health = await fetch(`${payram.baseUrl}/api/v1/health`);
      expect(health.status).to.equal(200);
      const version = (await (await fetch(`${payram.baseUrl}/api/v1/version`)).json()) as {
        version: string;
      };
      expect(version.version).to.equal(want.version);
      expect(await psql(name, 'SELECT amount FROM payments')).to.equal('7.25');
      const inspect = await docker.getContainer(name).inspect();
      expect(inspect.HostConfig.RestartPolicy?.Name).to.equal('unless-stopped');
    });
  }
});
