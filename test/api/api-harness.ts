import type { Server } from 'node:http';
import { buildAllowList } from '../../src/api/access-control.js';
import { createApp } from '../../src/api/app.js';
import { JobLock } from '../../src/jobs/job-lock.js';
import { UpgradeService } from '../../src/jobs/upgrade-service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { FileHistoryStore } from '../../src/store/file-history-store.js';
import { FileJobLog } from '../../src/store/file-job-log.js';
import { FileJobStore } from '../../src/store/file-job-store.js';
import {
  FakeDocuments,
  FakeInspector,
  tenReleasePolicy,
  testManifest,
} from '../support/fake-ports.js';
import { captureLogger } from '../support/silent-logger.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

export interface HarnessOptions {
  apiToken?: string;
  allowedSources?: string[];
  bodyLimitBytes?: number;
}

/** The real app, service and file stores in a temp dir; only documents and Docker are faked. */
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
  const upgrades = new UpgradeService({
    jobs,
    history,
    log,
    documents,
    inspector,
    lock: new JobLock(),
    clock,
    newId: () => `job-test-${++sequence}`,
    logger,
    executionMode: 'dry-run',
    imageRepoOverride: undefined,
    // Execution runs against a real engine in integration/, not here.
    execution: undefined,
  });
  const app = createApp({
    upgrades,
    history,
    log,
    allowedSources: buildAllowList(options.allowedSources ?? ['127.0.0.0/8', '::1/128']),
    apiToken: options.apiToken,
    bodyLimitBytes: options.bodyLimitBytes ?? 16384,
    logger,
    updaterUrl: 'http://127.0.0.1:2359',
  });
  const server: Server = app.listen(0, '127.0.0.1');
  return {
    dir,
    jobs,
    history,
    documents,
    inspector,
    upgrades,
    logger,
    server,
    async close() {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await dir.remove();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
