import { readIfExists } from '../fs/read-if-exists.js';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.js';
import type { BackupRecord } from '../jobs/ports.js';

interface IndexEntry {
  id: string;
  path: string;
  filename: string;
  size: number;
  sha256: string;
  created_at: string;
  database: string;
  from_version: string;
  target_version: string;
  job_id: string;
  kind: BackupRecord['kind'];
}

/** backups.json in BACKUP_DIR, newest first, written atomically. */
export class BackupIndex {
  readonly #path: string;

  constructor(readonly backupDir: string) {
    this.#path = join(backupDir, 'backups.json');
  }

  async read(): Promise<BackupRecord[]> {
    const text = await readIfExists(this.#path);
    if (text === undefined) return [];
    const entries = (JSON.parse(text) as { backups?: IndexEntry[] }).backups ?? [];
    // ISO 8601 times in UTC order as plain strings; localeCompare would load ICU's collator.
    return entries.map(fromEntry).sort((a, b) => newestFirst(a.createdAt, b.createdAt));
  }

  /** Adds the record, then keeps the newest `retention`, deleting the files of the rest. */
  async add(record: BackupRecord, retention: number): Promise<BackupRecord[]> {
    const all = [record, ...(await this.read()).filter((r) => r.id !== record.id)];
    const kept = all.slice(0, retention);
    await this.#write(kept);
    const dropped = all.slice(retention);
    for (const old of dropped) await rm(old.path, { force: true });
    return dropped;
  }

  async #write(records: BackupRecord[]): Promise<void> {
    await writeFileAtomic(
      this.#path,
      `${JSON.stringify({ backups: records.map(toEntry) }, null, 2)}\n`,
    );
  }
}

function toEntry(r: BackupRecord): IndexEntry {
  return {
    id: r.id,
    path: r.path,
    filename: r.filename,
    size: r.size,
    sha256: r.sha256,
    created_at: r.createdAt,
    database: r.database,
    from_version: r.fromVersion,
    target_version: r.targetVersion,
    job_id: r.jobId,
    kind: r.kind,
  };
}

function fromEntry(e: IndexEntry): BackupRecord {
  return {
    id: e.id,
    path: e.path,
    filename: e.filename,
    size: e.size,
    sha256: e.sha256,
    createdAt: e.created_at,
    database: e.database,
    fromVersion: e.from_version,
    targetVersion: e.target_version,
    jobId: e.job_id,
    kind: e.kind,
  };
}

function newestFirst(a: string, b: string): number {
  return a === b ? 0 : a < b ? 1 : -1;
}
