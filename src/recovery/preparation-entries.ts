import type { CatalogueEntry, CatalogueSection } from './catalogue-entry.js';
import { containerNameOf, shellQuote, targetImageText, targetText } from './render-values.js';
import {
  checkHealth,
  createBackup,
  diskSpace,
  followUpdaterLogs,
  listBackups,
  listContainers,
  note,
  pullTargetImage,
  supervisorStatus,
  updaterInspect,
  updaterLogs,
  updaterRecover,
  updaterStatus,
} from './steps.js';

// These fail before the old container is stopped, so retrying cannot make anything worse.
const safeToRetry = { severity: 'RETRYABLE', dataRisk: 'NONE', autoRecoverable: true } as const;

const concurrencyBlocked: CatalogueEntry = {
  ...safeToRetry,
  title: 'Another upgrade, backup or restore is in progress',
  message: (context) =>
    "Another job held the updater's lock, so the upgrade to " +
    `${targetText(context)} did not start. Nothing was changed; retry once that job has ended.`,
  steps: () => [
    updaterStatus,
    note('Follow the running job until it ends, then retry:'),
    followUpdaterLogs,
    updaterRecover,
  ],
};

const dockerPullFailed: CatalogueEntry = {
  ...safeToRetry,
  title: 'Could not pull the new image',
  message: (context) =>
    `Docker could not pull ${targetImageText(context)}, and the upgrade stopped before ` +
    `touching anything: ${containerNameOf(context)} was not changed. Retry once the registry ` +
    'is reachable.',
  steps: (context) => [
    updaterLogs,
    ...pullTargetImage(context),
    listContainers(context),
    checkHealth(context),
    note('Once the pull works, retry:'),
    updaterRecover,
  ],
};

const diskSpaceLow: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'UNKNOWN',
  autoRecoverable: false,
  title: 'Not enough disk space',
  message: (context) =>
    'There is not enough free disk space for the pre-upgrade backup (about 1.5 times the ' +
    `database size) and the new image, so the upgrade to ${targetText(context)} stopped. A ` +
    `full disk can also hurt the running database, so check ${containerNameOf(context)} first.`,
  steps: (context) => [
    listContainers(context),
    checkHealth(context),
    diskSpace,
    'docker system df',
    listBackups,
    note(
      'Free space (remove unused images with `docker image prune`, move old backups off the ' +
        'host, or grow the disk), then start the upgrade again.',
    ),
    updaterInspect,
  ],
};

const backupFailed: CatalogueEntry = {
  ...safeToRetry,
  title: 'The pre-upgrade backup failed',
  message: (context) =>
    `The database backup before the upgrade to ${targetText(context)} failed, so nothing ` +
    'else was touched: the application programs paused for the backup were restarted and ' +
    `${containerNameOf(context)} was not upgraded. Retry once the cause is fixed.`,
  steps: (context) => [
    note('The job log says why (disk space, database access, timeout):'),
    updaterLogs,
    note('Every application program should be RUNNING again:'),
    supervisorStatus(context),
    checkHealth(context),
    diskSpace,
    note('Try a backup on its own, then retry the upgrade:'),
    createBackup,
    updaterRecover,
  ],
};

const backupTimeout: CatalogueEntry = {
  ...backupFailed,
  severity: 'MANUAL_REQUIRED',
  autoRecoverable: false,
  title: 'The pre-upgrade backup took too long',
  message: (context) =>
    `The database backup before the upgrade to ${targetText(context)} did not finish within ` +
    'BACKUP_TIMEOUT_SECONDS, so it was abandoned and nothing else was touched; the paused ' +
    `application programs of ${containerNameOf(context)} were restarted. A large database ` +
    'needs a longer limit: raise BACKUP_TIMEOUT_SECONDS, then retry.',
  steps: (context) => [
    note('The job log shows how far the backup got:'),
    updaterLogs,
    note('Every application program should be RUNNING again:'),
    supervisorStatus(context),
    diskSpace,
    note('Raise BACKUP_TIMEOUT_SECONDS in the updater configuration, restart it, then:'),
    createBackup,
  ],
};

const invalidDbConfig: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'NONE',
  autoRecoverable: false,
  title: 'The database settings of the Payram container are incomplete',
  message: (context) =>
    `The updater reads the database settings from the environment of ${containerNameOf(context)} ` +
    '(POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD) and could ' +
    'not back the database up without them. Nothing was touched.',
  steps: (context) => [
    note('Which POSTGRES_* variables the container has (values hidden):'),
    `docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' ${shellQuote(containerNameOf(context))} | grep '^POSTGRES_' | cut -d= -f1`,
    updaterLogs,
  ],
};

export const preparationEntries = {
  BACKUP_TIMEOUT: backupTimeout,
  INVALID_DB_CONFIG: invalidDbConfig,
  CONCURRENCY_BLOCKED: concurrencyBlocked,
  DOCKER_PULL_FAILED: dockerPullFailed,
  DISK_SPACE_LOW: diskSpaceLow,
  BACKUP_FAILED: backupFailed,
} satisfies CatalogueSection;
