import type { CatalogueEntry, CatalogueSection } from './catalogue-entry.js';
import type { PlaybookContext } from './playbook.js';
import {
  containerNameOf,
  oldImageText,
  present,
  shellQuote,
  targetImageText,
  targetText,
} from './render-values.js';
import {
  putOldContainerBack,
  restoreIfOldVersionMisbehaves,
  restoreIntoRunningContainer,
} from './rollback-steps.js';
import {
  checkHealth,
  checkVersion,
  containerLogs,
  dryRun,
  listContainers,
  note,
  runningImage,
  updaterLogs,
  versionLabelFormat,
} from './steps.js';

// After a failed health or version check the updater has already put the old container back;
// the new version may still have migrated the database before it was removed.
function afterRollback(context: PlaybookContext): string[] {
  return [
    listContainers(context),
    note(`${containerNameOf(context)} should run ${oldImageText(context)} again and answer:`),
    runningImage(context),
    checkHealth(context),
    containerLogs(context),
    ...restoreIntoRunningContainer(context, restoreIfOldVersionMisbehaves),
  ];
}

function targetImageVersion(context: PlaybookContext): string[] {
  const image = present(context.targetImage);
  if (image === undefined) {
    return [
      note('The target image was not recorded for this job; the plan names it:'),
      dryRun(context, 'manual'),
    ];
  }
  return [
    note('The version the target image declares:'),
    `docker image inspect --format ${versionLabelFormat} ${shellQuote(image)}`,
  ];
}

function backupText(context: PlaybookContext): string {
  const path = present(context.backupPath);
  if (path !== undefined) return `Restore the pre-upgrade backup ${path}`;
  return (
    'No pre-upgrade backup was recorded for this job, so restore the newest one taken before ' +
    'the upgrade (`payram-updater backup list`)'
  );
}

const healthcheckFailed: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'POSSIBLE',
  autoRecoverable: false,
  title: 'The new version failed its health check',
  message: (context) =>
    `The new container did not become healthy on ${targetImageText(context)}, so the updater ` +
    `removed it and started ${containerNameOf(context)} again on ${oldImageText(context)}. ` +
    'The new version may have changed the database before it failed: check that the old ' +
    'version works on it.',
  steps: (context) => [
    note('The job log records the failed check and the rollback:'),
    updaterLogs,
    ...afterRollback(context),
  ],
};

const versionMismatch: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'POSSIBLE',
  autoRecoverable: false,
  title: 'The new container reported the wrong version',
  message: (context) =>
    `The new container answered, but not as ${targetText(context)}, so the updater rolled ` +
    `back to ${oldImageText(context)}. The image tag may point at another build, and the new ` +
    'container may have changed the database before the rollback.',
  steps: (context) => [
    updaterLogs,
    ...targetImageVersion(context),
    checkVersion(context),
    ...afterRollback(context),
  ],
};

const migrationFailed: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'LIKELY',
  autoRecoverable: false,
  title: 'The database migration failed',
  message: (context) =>
    `The database migration to ${targetText(context)} failed. The database may be ` +
    'half-migrated, and nothing was rolled back automatically: ' +
    `${containerNameOf(context)} still runs ${targetImageText(context)}. Do not retry the ` +
    `upgrade; \`payram-updater recover\` refuses it. ${backupText(context)}, and go back to ` +
    `${oldImageText(context)} as below, or contact Payram support first if unsure.`,
  steps: (context) => [
    note('Keep the migration error for Payram support:'),
    updaterLogs,
    containerLogs(context),
    note('Stop the new container, keep it aside for diagnosis, and start the old one:'),
    ...putOldContainerBack(context),
    ...restoreIntoRunningContainer(context, 'Then restore the pre-upgrade backup.'),
  ],
};

const rollbackFailed: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'POSSIBLE',
  autoRecoverable: false,
  title: 'The upgrade failed and so did the rollback',
  message: (context) =>
    `The upgrade to ${targetText(context)} failed, and putting ${oldImageText(context)} back ` +
    `did not finish: ${containerNameOf(context)} may be down. The old container was kept, ` +
    'stopped, with all its settings and data; bring it back by hand as below.',
  steps: (context) => [
    note('The job log says which rollback step failed:'),
    updaterLogs,
    listContainers(context),
    ...putOldContainerBack(context),
    checkHealth(context),
    ...restoreIntoRunningContainer(context, restoreIfOldVersionMisbehaves),
  ],
};

export const verificationEntries = {
  ROLLBACK_FAILED: rollbackFailed,
  HEALTHCHECK_FAILED: healthcheckFailed,
  VERSION_MISMATCH: versionMismatch,
  MIGRATION_FAILED: migrationFailed,
} satisfies CatalogueSection;
