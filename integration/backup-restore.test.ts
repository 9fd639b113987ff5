import { expect } from 'chai';
import { readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { buildDummyImage, dummyRepo, startDummy, type StartedDummy } from './support/data-dummy.js';
import { getJson, postJson, type DaemonProcess } from './support/daemon-process.js';
import {
  docker,
  execOutput,
  getHistory,
  psql,
  psqlAsApp,
  removeContainersNamed,
  requestUpgrade,
  startExecuteDaemon,
  waitForEnd,
} from './support/upgrade-harness.js';
import { sha256Of } from '../src/backup/pg-dump.js';

const name = 'payram-it-backup';

/** What a restore must bring back exactly: the rows and the set of tables. */
async function snapshot(): Promise<string> {
  const rows = await psql(name, "SELECT string_agg(amount::text, ',' ORDER BY id) FROM payments");
  const tables = await psql(
    name,
    "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
  );
  return `${rows} | ${tables}`;
}

/** supervisord's view, once no program is still STARTING (payram-core takes 5 s to count as up). */
async function programStates(): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const status = await execOutput(name, ['sh', '-c', 'supervisorctl status || true']);
    const states = status
      .split('\n')
      .map((line) => line.trim().split(/\s+/).slice(0, 2).join('='))
      .sort()
      .join(' ');
    if (!states.includes('STARTING') || attempt >= 30) return states;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('backups and restore against the real PostgreSQL inside data-dummy', () => {
  let dir: TempDir;
  let payram: StartedDummy;
  let daemon: DaemonProcess;
  let backupDir: string;

  before(async () => {
    await buildDummyImage('1.7.8');
    await buildDummyImage('1.7.9');
  });
  beforeEach(async () => {
    dir = await makeTempDir();
    backupDir = join(dir.path, 'backups');
    payram = await startDummy({ image: `${dummyRepo}:1.7.8`, name, dataDir: join(dir.path, 'pg') });
    await psql(name, 'INSERT INTO payments(amount) VALUES (10.00), (20.00)');
    daemon = await startExecuteDaemon(dir.path, name, { BACKUP_DIR: backupDir });
  });
  afterEach(async () => {
    await daemon.kill('SIGKILL');
    await removeContainersNamed(name);
    await dir.remove();
  });

  it('backs up, and a restore leaves the database exactly as dumped (a table added later is gone)', async () => {
    const before = await snapshot();
    const created = await postJson(`${daemon.url}/backups`, {});
    expect(created.status).to.equal(201);
    const backup = created.body.backup as {
      id: string;
      path: string;
      sha256: string;
      size: number;
    };
    const file = await stat(backup.path);
    expect(file.mode & 0o777).to.equal(0o600);
    expect(file.size).to.equal(backup.size);
    expect(await sha256Of(backup.path)).to.equal(backup.sha256);
    const index = JSON.parse(await readFile(join(backupDir, 'backups.json'), 'utf8')) as {
      backups: { id: string }[];
    };
    expect(index.backups.map((b) => b.id)).to.deep.equal([backup.id]);

    await psql(
      name,
      'INSERT INTO payments(amount) VALUES (30.00); DELETE FROM payments WHERE amount = 10.00',
    );
    await psqlAsApp(
      name,
      payram.password,
      'CREATE TABLE added_later (x int); INSERT INTO added_later VALUES (1)',
    );
    expect(await snapshot()).not.to.equal(before);

    const restored = await postJson(`${daemon.url}/backups/restore`, {
      id: backup.id,
      confirm: true,
    });
    expect(restored.status).to.equal(200);
    expect(await snapshot()).to.equal(before);
    expect(await programStates()).to.include('payram-core=RUNNING');
    const events = await getHistory(daemon, 'type=restore');
    expect(events.map((e) => e.status)).to.deep.equal(['succeeded', 'started']);
  });

  describe('refused restores leave the database untouched', () => {
    let backupId: string;
    let before: string;
    beforeEach(async () => {
      const created = await postJson(`${daemon.url}/backups`, {});
      backupId = (created.body.backup as { id: string }).id;
      await psql(name, 'INSERT INTO payments(amount) VALUES (99.00)');
      before = await snapshot();
    });

    const cases: [string, () => Promise<Record<string, unknown>>, number, string][] = [
      [
        'a path out of BACKUP_DIR',
        () => Promise.resolve({ file: '../../etc/passwd', confirm: true }),
        400,
        'INVALID_BACKUP_PATH',
      ],
      [
        'an absolute path elsewhere',
        () => Promise.resolve({ file: '/etc/passwd', confirm: true }),
        400,
        'INVALID_BACKUP_PATH',
      ],
      [
        'a symlink out of BACKUP_DIR',
        async () => {
          await symlink('/etc/passwd', join(backupDir, 'evil.dump'));
          return { file: 'evil.dump', confirm: true };
        },
        400,
        'INVALID_BACKUP_PATH',
      ],
      [
        'a corrupted dump',
        async () => {
          const { body } = await getJson(`${daemon.url}/backups`);
          const path = (body.backups as { path: string }[])[0]!.path;
          const bytes = await readFile(path);
          bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
          await writeFile(path, bytes);
          return { id: backupId, confirm: true };
        },
        422,
        'BACKUP_CHECKSUM_MISMATCH',
      ],
      ['no confirmation', () => Promise.resolve({ id: backupId }), 400, 'CONFIRMATION_REQUIRED'],
      [
        'confirm: "yes" instead of true',
        () => Promise.resolve({ id: backupId, confirm: 'yes' }),
        400,
        'INVALID_REQUEST',
      ],
      [
        'an unknown id',
        () => Promise.resolve({ id: 'nope', confirm: true }),
        404,
        'BACKUP_NOT_FOUND',
      ],
    ];
    for (const [what, body, status, code] of cases) {
      it(`${what} → ${status} ${code}`, async () => {
        const res = await postJson(`${daemon.url}/backups/restore`, await body());
        expect([res.status, res.body.code]).to.deep.equal([status, code]);
        expect(await snapshot()).to.equal(before);
      });
    }
  });

  it('a failing pg_dump (wrong password) fails the upgrade with BACKUP_FAILED: programs running again, container never stopped', async () => {
    const before = await docker.getContainer(name).inspect();
    await psql(name, "ALTER ROLE payram PASSWORD 'not-what-the-container-has'");
    await requestUpgrade(daemon, '1.7.9');
    const job = await waitForEnd(daemon);

    expect(job).to.include({ state: 'FAILED', error_code: 'BACKUP_FAILED' });
    const after = await docker.getContainer(name).inspect();
    expect([after.Id, after.State.StartedAt, after.Config.Image]).to.deep.equal([
      before.Id,
      before.State.StartedAt,
      `${dummyRepo}:1.7.8`,
    ]);
    expect(await programStates()).to.equal(
      'payram-core=RUNNING payram-worker=RUNNING postgres=RUNNING',
    );
    expect(
      (
        await readFile(join(backupDir, 'backups.json'), 'utf8').catch(() => '{"backups":[]}')
      ).includes('.dump'),
    ).to.equal(false);
    const log = await (await fetch(`${daemon.url}/upgrade/logs`)).text();
    expect(log).not.to.include('not-what-the-container-has');
    expect(log).not.to.include(payram.password);
  });

  it('a stopped database fails the upgrade with BACKUP_FAILED and leaves no partial file', async () => {
    await execOutput(name, ['supervisorctl', 'stop', 'postgres']);
    await requestUpgrade(daemon, '1.7.9');
    const job = await waitForEnd(daemon);
    expect(job).to.include({ state: 'FAILED', error_code: 'BACKUP_FAILED' });
    expect(await programStates()).to.equal(
      'payram-core=RUNNING payram-worker=RUNNING postgres=STOPPED',
    );
    const files = await import('node:fs/promises').then((fs) => fs.readdir(backupDir));
    expect(files.filter((f) => f.endsWith('.dump') || f.endsWith('.partial'))).to.deep.equal([]);
    await execOutput(name, ['supervisorctl', 'start', 'postgres']);
  });

  it('an upgrade records its pre-upgrade backup in the job, the index and history', async () => {
    await requestUpgrade(daemon, '1.7.9');
    const job = await waitForEnd(daemon);
    expect(job.state).to.equal('READY');
    expect(job.backup_path).to.match(/payram-backup-\d{8}-\d{6}-1\.7\.8-to-1\.7\.9\.dump$/);
    const { body } = await getJson(`${daemon.url}/backups`);
    expect((body.backups as { job_id: string; kind: string }[])[0]).to.include({
      job_id: job.job_id,
      kind: 'pre-upgrade',
    });
    const events = await getHistory(daemon, 'type=backup');
    expect(events[0]).to.include({ status: 'succeeded', job_id: job.job_id });
  });
});
