import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import {
  buildDummyImage,
  containerLogs,
  execIn,
  startDummy,
  waitForHttp,
  type StartDummyOptions,
  type StartedDummy,
} from './support/data-dummy.js';

const docker = new Docker();
const allRunning = { 'payram-core': 'RUNNING', 'payram-worker': 'RUNNING', postgres: 'RUNNING' };

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

async function getText(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

async function psql(containerId: string, sql: string): Promise<string[]> {
  const cmd = ['psql', '-U', 'postgres', '-d', 'payram', '-At', '-v', 'ON_ERROR_STOP=1'];
  const result = await execIn(containerId, [...cmd, '-c', sql]);
  if (result.exitCode !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line !== '');
}

async function supervisorStates(containerId: string): Promise<Record<string, string>> {
  const { stdout } = await execIn(containerId, ['supervisorctl', 'status']);
  const rows = stdout.split('\n').filter((line) => line.trim() !== '');
  const entries = rows.map((row): [string, string] => {
    const [name = '', state = ''] = row.split(/\s+/);
    return [name, state];
  });
  return Object.fromEntries(entries);
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(500);
    value = await read();
  }
  return value;
}

const waitForLog = (containerId: string, text: string) =>
  waitFor(
    () => containerLogs(containerId),
    (logs) => logs.includes(text),
    30_000,
  );

const knob = (behaviour: string, extra: Record<string, string> = {}) => ({
  env: { DUMMY_BEHAVIOUR: behaviour, ...extra },
});

describe('data-dummy image', () => {
  const dirs: TempDir[] = [];
  const started: StartedDummy[] = [];
  let image178: string;

  async function newDataDir(): Promise<string> {
    const dir = await makeTempDir('payram-dummy-it-');
    dirs.push(dir);
    return dir.path;
  }

  async function start(options: Partial<StartDummyOptions> & { image: string }) {
    const dataDir = options.dataDir ?? (await newDataDir());
    const name = `payram-it-dummy-${randomBytes(4).toString('hex')}`;
    const dummy = await startDummy({ ...options, name, dataDir });
    started.push(dummy);
    return dummy;
  }

  before(async () => {
    image178 = await buildDummyImage('1.7.8');
  });

  after(async () => {
    for (const dummy of started) await dummy.stop();
    for (const dir of dirs) await dir.remove();
  });

  describe('version 1.7.8 on an empty data directory, then 1.7.9 on the same one', () => {
    let dummy: StartedDummy;

    before(async () => {
      dummy = await start({ image: image178 });
    });

    it('serves the Payram root page', async () => {
      const { status, body } = await getText(`${dummy.baseUrl}/`);
      expect(status).to.equal(200);
      expect(body).to.include('Welcome to Payram Core');
    });

    it('answers health, version and migration status', async () => {
      const base = dummy.baseUrl;
      expect(await getJson(`${base}/api/v1/health`)).to.deep.equal({
        status: 200,
        body: { status: 'ok', db: 'ok' },
      });
      expect(await getJson(`${base}/api/v1/version`)).to.deep.equal({
        status: 200,
        body: { version: '1.7.8' },
      });
      expect(await getJson(`${base}/admin/migrations/status`)).to.deep.equal({
        status: 200,
        body: { state: 'complete', version: '1.7.8', applied: ['1.7.8'] },
      });
    });

    it('labels the image with its version and bakes no password into it', async () => {
      const { Config } = await docker.getImage(image178).inspect();
      expect(Config.Labels['org.opencontainers.image.version']).to.equal('1.7.8');
      expect(Config.Env.filter((entry) => entry.startsWith('POSTGRES_'))).to.deep.equal([]);
    });

    it('runs as the installer runs Payram: restart policy, loopback port, bind mount', async () => {
      const { HostConfig } = await docker.getContainer(dummy.id).inspect();
      expect(HostConfig.RestartPolicy?.Name).to.equal('unless-stopped');
      expect(HostConfig.PortBindings).to.deep.equal({
        '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(dummy.hostPort) }],
      });
      expect(HostConfig.Binds).to.deep.equal([`${dummy.dataDir}:/var/lib/payram/db/postgres`]);
    });

    it('runs postgres, payram-core and payram-worker under supervisord', async () => {
      const states = await waitFor(
        () => supervisorStates(dummy.id),
        (s) => Object.values(s).every((state) => state === 'RUNNING'),
        20_000,
      );
      expect(states).to.deep.equal(allRunning);
    });

    it('ships pg_dump and pg_restore of the server major (15)', async () => {
      for (const tool of ['pg_dump', 'pg_restore']) {
        const { exitCode, stdout } = await execIn(dummy.id, [tool, '--version']);
        expect(exitCode).to.equal(0);
        expect(stdout).to.match(new RegExp(`^${tool} \\(PostgreSQL\\) 15\\.`));
      }
    });

    it('answers 503 db down while PostgreSQL is stopped, and recovers when it starts', async () => {
      await execIn(dummy.id, ['supervisorctl', 'stop', 'postgres']);
      const down = await getJson(`${dummy.baseUrl}/api/v1/health`);
      await execIn(dummy.id, ['supervisorctl', 'start', 'postgres']);

      expect(down).to.deep.equal({ status: 503, body: { status: 'error', db: 'down' } });
      const ok = (status: number) => status === 200;
      await waitForHttp(`${dummy.baseUrl}/api/v1/health`, ok, 20_000);
    });

    it('keeps the data and applies its own migration when 1.7.9 starts on the same directory', async () => {
      await psql(dummy.id, 'INSERT INTO payments (amount) VALUES (12.50), (7)');
      await dummy.stop();
      const image179 = await buildDummyImage('1.7.9');

      const upgraded = await start({
        image: image179,
        dataDir: dummy.dataDir,
        password: dummy.password,
      });

      expect(await getJson(`${upgraded.baseUrl}/api/v1/version`)).to.deep.equal({
        status: 200,
        body: { version: '1.7.9' },
      });
      expect((await getJson(`${upgraded.baseUrl}/admin/migrations/status`)).body).to.deep.equal({
        state: 'complete',
        version: '1.7.9',
        applied: ['1.7.8', '1.7.9'],
      });
      expect(await psql(upgraded.id, 'SELECT amount FROM payments ORDER BY id')).to.deep.equal([
        '12.50',
        '7',
      ]);
      expect(
        await psql(upgraded.id, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'feature%'"),
      ).to.have.members(['feature_1_7_8', 'feature_1_7_9']);
    });
  });

  describe('misbehaviour knobs', () => {
    it('unhealthy: health answers 503 while the root page answers 200', async () => {
      const dummy = await start({ image: image178, ...knob('unhealthy'), waitFor: 'root' });

      expect(await getJson(`${dummy.baseUrl}/api/v1/health`)).to.deep.equal({
        status: 503,
        body: { status: 'error', db: 'ok' },
      });
      expect((await getText(`${dummy.baseUrl}/`)).status).to.equal(200);
    });

    const wrongVersions = [
      { extra: {}, reported: '1.7.8-wrong' },
      { extra: { DUMMY_REPORTED_VERSION: '1.7.7' }, reported: '1.7.7' },
    ];
    for (const { extra, reported } of wrongVersions) {
      it(`wrong-version: reports ${reported}`, async () => {
        const dummy = await start({ image: image178, ...knob('wrong-version', extra) });

        expect((await getJson(`${dummy.baseUrl}/api/v1/version`)).body).to.deep.equal({
          version: reported,
        });
      });
    }

    it('fail-migration: status failed, health ok, a half-applied table left behind', async () => {
      const dummy = await start({ image: image178, ...knob('fail-migration') });

      const { body } = await getJson(`${dummy.baseUrl}/admin/migrations/status`);
      expect(body).to.deep.equal({
        state: 'failed',
        version: '1.7.8',
        applied: [],
        error:
          'migration 1.7.8 failed: DUMMY_MIGRATION_FAILED: ' +
          'simulated failure after a partial schema change (fail-migration)',
      });
      expect(
        await psql(dummy.id, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"),
      ).to.deep.equal(['half_migrated_1_7_8']);
    });

    it('legacy: no /api/v1 or /admin endpoints, the root page still answers', async () => {
      const dummy = await start({ image: image178, ...knob('legacy'), waitFor: 'root' });

      for (const path of ['/api/v1/version', '/api/v1/health', '/admin/migrations/status']) {
        expect((await getJson(`${dummy.baseUrl}${path}`)).status, path).to.equal(404);
      }
      expect((await getText(`${dummy.baseUrl}/`)).status).to.equal(200);
    });

    it('crash: supervisord gives up on the core, the container stays up, 8080 is silent', async () => {
      const dummy = await start({ image: image178, ...knob('crash'), waitFor: 'none' });

      const states = await waitFor(
        () => supervisorStates(dummy.id),
        (s) => s['payram-core'] === 'FATAL',
        60_000,
      );
      expect(states).to.deep.equal({ ...allRunning, 'payram-core': 'FATAL' });
      expect(await answers(`${dummy.baseUrl}/`)).to.equal(false);
      expect((await docker.getContainer(dummy.id).inspect()).State.Running).to.equal(true);
    });

    it('slow-start: silent during DUMMY_START_DELAY_SECONDS, answering after', async () => {
      const env = { DUMMY_START_DELAY_SECONDS: '5' };
      const dummy = await start({ image: image178, ...knob('slow-start', env), waitFor: 'none' });

      await waitForLog(dummy.id, 'delaying start by 5 s');
      const delayed = Date.now();
      expect(await answers(`${dummy.baseUrl}/`)).to.equal(false);
      await waitForHttp(`${dummy.baseUrl}/api/v1/health`, (status) => status === 200, 30_000);
      expect(Date.now() - delayed).to.be.at.least(4000);
    });

    it('a knob baked in at build time applies, and -e DUMMY_BEHAVIOUR= turns it off', async () => {
      const broken = await buildDummyImage('1.7.10', 'unhealthy');

      const baked = await start({ image: broken, waitFor: 'root' });
      const overridden = await start({ image: broken, env: { DUMMY_BEHAVIOUR: '' } });

      expect((await getJson(`${baked.baseUrl}/api/v1/health`)).status).to.equal(503);
      expect((await getJson(`${baked.baseUrl}/api/v1/version`)).body).to.deep.equal({
        version: '1.7.10',
      });
      expect((await getJson(`${overridden.baseUrl}/api/v1/health`)).status).to.equal(200);
    });

    it('an unknown knob stops the core with DUMMY_SETTINGS_INVALID', async () => {
      const dummy = await start({ image: image178, ...knob('unhealty'), waitFor: 'none' });

      const logs = await waitForLog(dummy.id, 'DUMMY_SETTINGS_INVALID');
      expect(logs).to.include('DUMMY_BEHAVIOUR: unknown unhealty');
    });
  });

  describe('bad start-up input', () => {
    it('refuses to start without POSTGRES_PASSWORD and leaves the data directory empty', async () => {
      const dummy = await start({
        image: image178,
        env: { POSTGRES_PASSWORD: '' },
        waitFor: 'none',
      });

      const logs = await waitForLog(dummy.id, 'POSTGRES_PASSWORD is required');
      expect(logs).to.include('payram-entrypoint: POSTGRES_PASSWORD is required');
      expect(await readdir(dummy.dataDir)).to.deep.equal([]);
    });

    it('refuses a data directory that holds files but no PostgreSQL cluster', async () => {
      const dataDir = await newDataDir();
      await writeFile(join(dataDir, 'notes.txt'), 'not a database');

      const dummy = await start({ image: image178, dataDir, waitFor: 'none' });

      await waitForLog(dummy.id, 'holds files but no PostgreSQL cluster');
      expect(await readdir(dataDir)).to.deep.equal(['notes.txt']);
    });
  });
});
