import type { ContainerSnapshot } from '../../src/container/container-snapshot.js';
import type {
  BackupManager,
  BackupRecord,
  BackupReference,
  BackupRequest,
  DocumentSource,
  TargetInspector,
  TargetObservation,
} from '../../src/jobs/ports.js';
import { UpdaterError } from '../../src/shared/updater-error.js';
import type { Manifest, Policy } from '../../src/policy/types.js';

/**
 * In-memory stand-ins for the policy/manifest source and the Docker inspector. The real
 * adapters are tested on their own (test/remote) and against a real engine (integration/).
 */
export class FakeDocuments implements DocumentSource {
  policy: () => Promise<Policy>;
  manifest: () => Promise<Manifest>;

  constructor(policy: Policy, manifest: Manifest) {
    this.policy = () => Promise.resolve(policy);
    this.manifest = () => Promise.resolve(manifest);
  }

  loadPolicy(): Promise<Policy> {
    return this.policy();
  }

  loadManifest(): Promise<Manifest> {
    return this.manifest();
  }
}

export class FakeInspector implements TargetInspector {
  constructor(
    public observation: TargetObservation = {
      kind: 'not-found',
      reason: 'no container named payram',
    },
  ) {}

  observe(): Promise<TargetObservation> {
    return Promise.resolve(this.observation);
  }
}

/** A promise the test resolves when it chooses: holds a job in a phase. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const tenReleasePolicy: Policy = {
  latest: '1.12.0',
  releases: [
    '1.12.0',
    '1.11.0',
    '1.10.1',
    '1.10.0',
    '1.9.1',
    '1.9.0',
    '1.8.1',
    '1.8.0',
    '1.7.9',
    '1.7.8',
  ],
  breakpoints: [
    {
      version: '1.8.0',
      reason: 'Breaking change: manual step required',
      docs: 'https://docs.example.com/1.8',
    },
    {
      version: '1.10.0',
      reason: 'Breaking database migration',
      docs: 'https://docs.example.com/1.10',
    },
  ],
  stopPoints: [],
  dashboardMax: '1.12.0',
};

export const testManifest: Manifest = {
  image: { repo: 'payramapp/payram' },
  healthCheck: { endpoint: '/api/v1/health' },
};

/**
 * Backups in memory: the real pg_dump/pg_restore path runs against data-dummy in
 * integration/backup-restore.test.ts.
 */
export class FakeBackupManager implements BackupManager {
  readonly records: BackupRecord[] = [];
  readonly restored: string[] = [];

  checkSpace(): Promise<void> {
    return Promise.resolve();
  }

  create(_container: ContainerSnapshot, request: BackupRequest): Promise<BackupRecord> {
    const record: BackupRecord = {
      id: `20260127-143052-${request.fromVersion}`,
      path: '/var/lib/payram/backups/payram-backup-20260127-143052-1.7.8-to-manual.dump',
      filename: 'payram-backup-20260127-143052-1.7.8-to-manual.dump',
      size: 1234,
      sha256: 'a'.repeat(64),
      createdAt: '2026-01-27T14:30:52.000Z',
      database: 'payram',
      fromVersion: request.fromVersion,
      targetVersion: request.targetVersion,
      jobId: request.jobId,
      kind: request.kind,
    };
    this.records.unshift(record);
    return Promise.resolve(record);
  }

  startPrograms(): Promise<void> {
    return Promise.resolve();
  }

  list(): Promise<BackupRecord[]> {
    return Promise.resolve([...this.records]);
  }

  find(reference: BackupReference): Promise<BackupRecord> {
    const found = this.records.find((r) =>
      'id' in reference ? r.id === reference.id : r.path === reference.file,
    );
    return found === undefined
      ? Promise.reject(new UpdaterError('BACKUP_NOT_FOUND', 'No such backup'))
      : Promise.resolve(found);
  }

  restore(record: BackupRecord): Promise<void> {
    this.restored.push(record.id);
    return Promise.resolve();
  }
}
