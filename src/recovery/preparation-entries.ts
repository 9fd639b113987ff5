import type { CatalogueEntry, CatalogueSection } from './catalogue-entry.js';
import { containerNameOf, targetImageText, targetText } from './render-values.js';
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

export const preparationEntries = {
  CONCURRENCY_BLOCKED: concurrencyBlocked,
  DOCKER_PULL_FAILED: dockerPullFailed,
  DISK_SPACE_LOW: diskSpaceLow,
  BACKUP_FAILED: backupFailed,
} satisfies CatalogueSection;
