import type { Server } from 'node:http';
import { buildAllowList } from '../../src/api/access-control.js';
import { createApp } from '../../src/api/app.js';
import { JobLock } from '../../src/jobs/job-lock.js';
import { BackupOperations } from '../../src/jobs/backup-operations.js';
import { inspectSystem, type InspectDeps } from '../../src/jobs/inspect-system.js';
import { RuntimeTargetInspector } from '../../src/jobs/observe-target.js';
import type {
  ContainerRuntime,
  ContainerListing,
  CoreProbe,
  MigrationState,
} from '../../src/jobs/ports.js';
import type { ContainerSnapshot } from '../../src/container/container-snapshot.js';
import { UpgradeService } from '../../src/jobs/upgrade-service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { FileHistoryStore } from '../../src/store/file-history-store.js';
import { FileJobLog } from '../../src/store/file-job-log.js';
import { FileJobStore } from '../../src/store/file-job-store.js';
import {
  FakeBackupManager,
  FakeDocuments,
  FakeInspector,
  tenReleasePolicy,
  testManifest,
} from '../support/fake-ports.js';
import { captureLogger } from '../support/silent-logger.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';
import { watchResponses } from './documented-responses.js';

export interface HarnessOptions {
  apiToken?: string;
  allowedSources?: string[];
  bodyLimitBytes?: number;
}

/**
 * The real app, service and file stores in a temp dir; only documents and Docker are faked.
 * Every response the app sends is checked against the OpenAPI document; `close` fails the test
 * if one did not match.
 */
export async function createHarness(options: HarnessOptions = {}) {
  const dir: TempDir = await makeTempDir();
  const clock = new ManualClock();
  const logger = captureLogger();
  const jobs = new FileJobStore(`${dir.path}/state`);
  const history = new FileHistoryStore(`${dir.path}/state`);
  const log = new FileJobLog(`${dir.path}/logs`, clock);
  await Promise.all([jobs.init(), history.init(), log.init()]);
  const documents = new FakeDocuments(tenReleasePolicy, testManifest);
  const inspector = new FakeInspector();
  let sequence = 0;
  const lock = new JobLock();
  const backups = new FakeBackupManager();
  // Only what BackupOperations asks of the engine: the Payram container, running.
  const runtime = {
    inspectContainer: (name: string) =>
      Promise.resolve({ id: `id-${name}`, name, running: true, config: { labels: {} } }),
  } as unknown as ContainerRuntime;
  const backupOps = new BackupOperations({
    backups,
    runtime,
    documents,
    inspector,
    imageRepoOverride: undefined,
    history,
    lock,
    clock,
  });
  const upgrades = new UpgradeService({
    jobs,
    history,
    log,
    documents,
    inspector,
    lock,
    clock,
    newId: () => `job-test-${++sequence}`,
    logger,
    executionMode: 'dry-run',
    imageRepoOverride: undefined,
    // Execution runs against a real engine in integration/, not here.
    execution: undefined,
  });
  const engine = new InspectEngine();
  const system = {
    inspect: () =>
      inspectSystem(
        { ...engine.ports(), documents, jobs, clock },
        { imageRepoOverride: undefined, coreBaseUrlOverride: undefined, checkTimeoutMs: 1000 },
      ),
  };
  const app = createApp({
    upgrades,
    inspector: system,
    backupOps,
    history,
    log,
    allowedSources: buildAllowList(options.allowedSources ?? ['127.0.0.0/8', '::1/128']),
    apiToken: options.apiToken,
    bodyLimitBytes: options.bodyLimitBytes ?? 16384,
    logger,
    updaterUrl: 'http://127.0.0.1:2359',
  });
  const server: Server = app.listen(0, '127.0.0.1');
  const responses = watchResponses(server);
  return {
    app,
    dir,
    jobs,
    history,
    documents,
    inspector,
    upgrades,
    backups,
    engine,
    logger,
    server,
    responses,
    async close() {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await dir.remove();
      responses.assertDocumented();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/**
 * The engine and core that GET /upgrade/inspect sees, edited by the tests; the core reports the
 * tag of the image it runs. inspectSystem meets the real engine and core in integration/.
 */
export class InspectEngine {
  dockerUp = true;
  containers: ContainerSnapshot[] = [];
  coreHealthy = true;
  migrations: MigrationState | undefined = 'complete';

  ports(): Pick<InspectDeps, 'runtime' | 'probe' | 'inspector'> {
    const runtime: InspectDeps['runtime'] = {
      ping: () =>
        this.dockerUp ? Promise.resolve() : Promise.reject(new Error('connect ENOENT docker.sock')),
      listContainers: () => Promise.resolve(this.containers.map(listing)),
      inspectContainer: (ref) =>
        Promise.resolve(this.containers.find((c) => c.name === ref || c.id === ref)),
    };
    const probe: CoreProbe = {
      health: () =>
        Promise.resolve({ ok: this.coreHealthy, detail: this.coreHealthy ? 'ok' : 'HTTP 503' }),
      version: () =>
        Promise.resolve(this.containers.find((c) => c.running)?.imageRef.split(':')[1]),
      migrations: () =>
        Promise.resolve(this.migrations && { state: this.migrations, detail: this.migrations }),
    };
    // The real discovery, which asks the engine only what `runtime` answers.
    const inspector = new RuntimeTargetInspector(runtime as ContainerRuntime, probe, {
      containerName: undefined,
      coreBaseUrlOverride: undefined,
    });
    return { runtime, probe, inspector };
  }
}

function listing(c: ContainerSnapshot): ContainerListing {
  return { id: c.id, name: c.name, image: c.imageRef, running: c.running, labels: {} };
}
