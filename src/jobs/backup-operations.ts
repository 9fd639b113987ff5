import type { ContainerSnapshot } from '../container/container-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { UpdaterError, describeError, isUpdaterError } from '../shared/updater-error.js';
import type { JobLock } from './job-lock.js';
import { jobInProgressMessage } from './upgrade-service.js';
import type {
  BackupManager,
  BackupRecord,
  BackupReference,
  ContainerRuntime,
  DocumentSource,
  HistoryStore,
  HistoryType,
  TargetInspector,
} from './ports.js';

export interface BackupOperationsDeps {
  backups: BackupManager;
  runtime: ContainerRuntime;
  documents: DocumentSource;
  inspector: TargetInspector;
  imageRepoOverride: string | undefined;
  history: HistoryStore;
  lock: JobLock;
  clock: Clock;
}

/** Manual backups and restores: each holds the job lock and leaves a history event. */
export class BackupOperations {
  constructor(private readonly deps: BackupOperationsDeps) {}

  list(): Promise<BackupRecord[]> {
    return this.deps.backups.list();
  }

  create(): Promise<BackupRecord> {
    const id = `backup-${this.deps.clock.now().getTime()}`;
    return this.#locked('backup', id, async (log) => {
      const container = await this.#payram();
      const version = container.config.labels['org.opencontainers.image.version'] ?? 'unknown';
      await this.deps.backups.checkSpace(container);
      return this.deps.backups.create(container, {
        kind: 'manual',
        fromVersion: version,
        targetVersion: 'manual',
        jobId: id,
        stopApplication: false,
        log,
        onStopping: () => Promise.resolve(),
      });
    });
  }

  /** Nothing is looked up, let alone restored, without `confirm: true`. */
  async restore(reference: BackupReference, confirmed: boolean): Promise<BackupRecord> {
    if (!confirmed) {
      throw new UpdaterError(
        'CONFIRMATION_REQUIRED',
        'A restore replaces all current data: send "confirm": true',
      );
    }
    const record = await this.deps.backups.find(reference);
    const id = `restore-${this.deps.clock.now().getTime()}`;
    return this.#locked('restore', id, async (log) => {
      await this.deps.backups.restore(record, await this.#payram(), log);
      return record;
    });
  }

  async #payram(): Promise<ContainerSnapshot> {
    const repo =
      this.deps.imageRepoOverride ?? (await this.deps.documents.loadManifest()).image.repo;
    const observation = await this.deps.inspector.observe(repo);
    const name = observation.kind === 'found' ? observation.container.name : undefined;
    const container =
      name === undefined ? undefined : await this.deps.runtime.inspectContainer(name);
    if (container === undefined || !container.running) {
      const why = 'reason' in observation ? observation.reason : 'it is not running';
      throw new UpdaterError(
        'CONTAINER_NOT_FOUND',
        `The Payram container must run for this: ${why}`,
      );
    }
    return container;
  }

  async #locked<T>(
    type: HistoryType,
    id: string,
    work: (log: (m: string) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const lease = this.deps.lock.tryAcquire(type === 'backup' ? 'backup' : 'restore', id);
    if (lease === undefined)
      throw new UpdaterError('CONCURRENCY_BLOCKED', jobInProgressMessage, { status: 409 });
    const lines: string[] = [];
    const log = (message: string) => {
      lines.push(message);
      return Promise.resolve();
    };
    try {
      await this.#event(type, 'started', id, `${type} started`);
      const result = await work(log);
      await this.#event(type, 'succeeded', id, lines.at(-1) ?? `${type} succeeded`);
      return result;
    } catch (error) {
      const code = isUpdaterError(error) ? error.code : undefined;
      await this.#event(type, 'failed', id, `${code ?? 'ERROR'}: ${describeError(error)}`);
      throw error;
    } finally {
      lease.release();
    }
  }

  #event(
    type: HistoryType,
    status: 'started' | 'succeeded' | 'failed',
    id: string,
    message: string,
  ) {
    return this.deps.history.append({
      timestamp: this.deps.clock.now().toISOString(),
      type,
      status,
      jobId: id,
      message,
    });
  }
}
