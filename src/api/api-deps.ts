import type { BlockList } from 'node:net';
import type { SystemInspector } from '../jobs/inspect-system.js';
import type { HistoryStore, JobLog } from '../jobs/ports.js';
import type { UpgradeService } from '../jobs/upgrade-service.js';
import type { BackupOperations } from '../jobs/backup-operations.js';
import type { Logger } from '../shared/logger.js';

export interface ApiDeps {
  upgrades: Pick<
    UpgradeService,
    'plan' | 'start' | 'current' | 'lastFinished' | 'isRunning' | 'recover'
  >;
  backupOps: Pick<BackupOperations, 'list' | 'create' | 'restore'>;
  /** GET /upgrade/inspect: read-only diagnostics of the whole installation. */
  inspector: SystemInspector;
  history: HistoryStore;
  log: JobLog;
  allowedSources: BlockList;
  apiToken: string | undefined;
  bodyLimitBytes: number;
  logger: Logger;
  /** How operators reach this API, for the commands playbooks print. */
  updaterUrl: string;
}
