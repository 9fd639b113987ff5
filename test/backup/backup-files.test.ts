import { expect } from 'chai';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupIndex } from '../../src/backup/backup-index.js';
import { resolveInside } from '../../src/backup/backup-path.js';
import type { BackupRecord } from '../../src/jobs/ports.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const record = (dir: string, n: number): BackupRecord => ({
  id: `20260127-14305${n}-1.7.8`,
  path: join(dir, `payram-backup-20260127-14305${n}-1.7.8-to-1.7.9.dump`),
  filename: `payram-backup-20260127-14305${n}-1.7.8-to-1.7.9.dump`,
  size: n,
  sha256: String(n).repeat(64).slice(0, 64),
  createdAt: `2026-01-27T14:30:5${n}.000Z`,
  database: 'payram',
  fromVersion: '1.7.8',
  targetVersion: '1.7.9',
  jobId: `job-${n}`,
  kind: 'pre-upgrade',
});

describe('backup files', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => dir.remove());

  describe('BackupIndex', () => {
    it('keeps the newest BACKUP_RETENTION and deletes the files of the rest', async () => {
      const index = new BackupIndex(dir.path);
      for (const n of [1, 2, 3, 4]) {
        await writeFile(record(dir.path, n).path, 'dump');
        await index.add(record(dir.path, n), 2);
      }
      expect((await index.read()).map((r) => r.id)).to.deep.equal([
        record(dir.path, 4).id,
        record(dir.path, 3).id,
      ]);
      expect((await readdir(dir.path)).sort()).to.deep.equal([
        'backups.json',
        record(dir.path, 3).filename,
        record(dir.path, 4).filename,
      ]);
    });

    it('writes the documented snake_case fields', async () => {
      const index = new BackupIndex(dir.path);
      await index.add(record(dir.path, 1), 10);
      const text = await import('node:fs/promises').then((fs) =>
        fs.readFile(join(dir.path, 'backups.json'), 'utf8'),
      );
      expect(Object.keys((JSON.parse(text) as { backups: object[] }).backups[0]!)).to.deep.equal([
        'id',
        'path',
        'filename',
        'size',
        'sha256',
        'created_at',
        'database',
        'from_version',
        'target_version',
        'job_id',
        'kind',
      ]);
    });
  });

  describe('resolveInside', () => {
    const refusals: [string, (d: string) => Promise<string>, string][] = [
      ['a parent path', () => Promise.resolve('../../etc/passwd'), 'INVALID_BACKUP_PATH'],
      ['an absolute path elsewhere', () => Promise.resolve('/etc/passwd'), 'INVALID_BACKUP_PATH'],
      [
        'a link out of the folder',
        async (d) => (await symlink('/etc/passwd', join(d, 'evil.dump')), 'evil.dump'),
        'INVALID_BACKUP_PATH',
      ],
      ['a folder', async (d) => (await mkdir(join(d, 'sub')), 'sub'), 'INVALID_BACKUP_PATH'],
      ['a name with a NUL byte', () => Promise.resolve('a\0b.dump'), 'INVALID_BACKUP_PATH'],
      ['a missing file inside', () => Promise.resolve('missing.dump'), 'BACKUP_NOT_FOUND'],
    ];
    for (const [what, make, code] of refusals) {
      it(`refuses ${what} with ${code}`, async () => {
        const file = await make(dir.path);
        let error: unknown;
        await resolveInside(dir.path, file).catch((e: unknown) => (error = e));
        expect(error).to.have.property('code', code);
      });
    }

    it('accepts a file inside by name, by absolute path, and through a link that stays inside', async () => {
      const real = join(dir.path, 'a.dump');
      await writeFile(real, 'dump');
      await symlink(real, join(dir.path, 'link.dump'));
      for (const file of ['a.dump', real, 'link.dump', './a.dump']) {
        expect(await resolveInside(dir.path, file), file).to.equal(real);
      }
    });
  });
});
