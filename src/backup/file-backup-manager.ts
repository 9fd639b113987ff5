import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerSnapshot } from '../container/container-snapshot.js';
import type {
  BackupManager,
  BackupRecord,
  BackupReference,
  BackupRequest,
  ContainerRuntime,
} from '../jobs/ports.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { UpdaterError } from '../shared/updater-error.js';
import { BackupIndex } from './backup-index.js';
import { resolveInside } from './backup-path.js';
import { databaseAccess } from './database-access.js';
import { checkFreeSpace, databaseSize } from './disk-space.js';
import { dumpDatabase, sha256Of } from './pg-dump.js';
import { restoreDatabase } from './pg-restore.js';
import { applicationPrograms, controlPrograms, listPrograms } from './supervisor.js';

export interface BackupSettings {
  backupDir: string;
  retention: number;
  timeoutMs: number;
  supervisorExclude: readonly string[];
}

/** Backups of the Payram database as pg_dump custom archives in BACKUP_DIR. */
export class FileBackupManager implements BackupManager {
  readonly #index: BackupIndex;

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly settings: BackupSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.#index = new BackupIndex(settings.backupDir);
  }

  async init(): Promise<void> {
    await mkdir(this.settings.backupDir, { recursive: true, mode: 0o700 });
  }

  async checkSpace(container: ContainerSnapshot): Promise<void> {
    const bytes = await databaseSize(
      this.runtime,
      container.id,
      databaseAccess(container.config.env),
    );
    if (bytes === undefined) return;
    await checkFreeSpace(this.settings.backupDir, bytes);
  }

  async create(container: ContainerSnapshot, request: BackupRequest): Promise<BackupRecord> {
    const access = databaseAccess(container.config.env);
    const now = this.clock.now();
    const filename = `payram-backup-${stamp(now)}-${safe(request.fromVersion)}-to-${safe(request.targetVersion)}.dump`;
    const path = join(this.settings.backupDir, filename);
    const paused =
      request.stopApplication && access.local ? await this.#pause(container, request) : [];
    try {
      await request.log(`Backing up database ${access.database} with pg_dump -Fc to ${path}`);
      const started = Date.now();
      const dump = await dumpDatabase(
        this.runtime,
        container.id,
        access,
        path,
        this.settings.timeoutMs,
      );
      const record = this.#record(request, {
        path,
        filename,
        now,
        database: access.database,
        ...dump,
      });
      const dropped = await this.#index.add(record, this.settings.retention);
      await request.log(
        `Backup ${filename}: ${dump.size} bytes, sha256 ${dump.sha256.slice(0, 16)}…, ${Date.now() - started} ms`,
      );
      if (dropped.length > 0)
        await request.log(`Retention removed ${dropped.map((r) => r.filename).join(', ')}`);
      this.logger.info({ backup: filename, size: dump.size }, 'backup created');
      return record;
    } catch (error) {
      await this.startPrograms(container.id, paused);
      throw error;
    }
  }

  startPrograms(containerId: string, programs: readonly string[]): Promise<void> {
    return controlPrograms(this.runtime, containerId, 'start', programs);
  }

  list(): Promise<BackupRecord[]> {
    return this.#index.read();
  }

  async find(reference: BackupReference): Promise<BackupRecord> {
    const all = await this.#index.read();
    if ('id' in reference) {
      const byId = all.find((r) => r.id === reference.id);
      if (byId === undefined)
        throw new UpdaterError('BACKUP_NOT_FOUND', `No backup with id ${reference.id}`);
      return byId;
    }
    const real = await resolveInside(this.settings.backupDir, reference.file);
    for (const record of all) {
      const recorded = await resolveInside(this.settings.backupDir, record.path).catch(
        () => undefined,
      );
      if (recorded === real) return record;
    }
    throw new UpdaterError(
      'BACKUP_NOT_FOUND',
      `${reference.file} is not a backup the updater made (no checksum to check)`,
    );
  }

  async restore(
    record: BackupRecord,
    container: ContainerSnapshot,
    log: (message: string) => Promise<void>,
  ) {
    const path = await resolveInside(this.settings.backupDir, record.path);
    const actual = await sha256Of(path);
    if (actual !== record.sha256) {
      throw new UpdaterError(
        'BACKUP_CHECKSUM_MISMATCH',
        `${record.filename} does not match its recorded SHA-256: refusing to restore it`,
      );
    }
    await log(`SHA-256 of ${record.filename} verified`);
    const access = databaseAccess(container.config.env);
    const paused = access.local ? await this.#pause(container) : [];
    try {
      await log(`Restoring ${record.filename} into ${access.database} (one transaction)`);
      await restoreDatabase(this.runtime, container.id, access, path);
      await log(`Database ${access.database} restored to the state of ${record.createdAt}`);
    } finally {
      await this.startPrograms(container.id, paused);
    }
  }

  /** Stops the application's programs (never the database's), saying which before it does. */
  async #pause(container: ContainerSnapshot, request?: BackupRequest): Promise<string[]> {
    const programs = applicationPrograms(
      await listPrograms(this.runtime, container.id),
      this.settings.supervisorExclude,
    );
    await request?.onStopping(programs);
    if (request !== undefined && programs.length > 0) {
      await request.log(`Pausing ${programs.join(', ')} for a consistent backup`);
    }
    await controlPrograms(this.runtime, container.id, 'stop', programs);
    return programs;
  }

  #record(
    request: BackupRequest,
    file: {
      path: string;
      filename: string;
      now: Date;
      database: string;
      size: number;
      sha256: string;
    },
  ): BackupRecord {
    return {
      id: `${stamp(file.now)}-${safe(request.fromVersion)}`,
      path: file.path,
      filename: file.filename,
      size: file.size,
      sha256: file.sha256,
      createdAt: file.now.toISOString(),
      database: file.database,
      fromVersion: request.fromVersion,
      targetVersion: request.targetVersion,
      jobId: request.jobId,
      kind: request.kind,
    };
  }
}

/** YYYYMMDD-HHMMSS in UTC, as the file names have always used. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_') || 'unknown';
}
