import type { CatalogueEntry, CatalogueSection } from './catalogue-entry.js';
import type { PlaybookContext } from './playbook.js';
import { containerNameOf, targetText } from './render-values.js';
import {
  putOldContainerBack,
  restoreIfOldVersionMisbehaves,
  restoreIntoRunningContainer,
} from './rollback-steps.js';
import {
  checkHealth,
  containerLogs,
  listContainers,
  note,
  runningImage,
  updaterDaemonLogs,
  updaterHealth,
  updaterInspect,
  updaterLogs,
} from './steps.js';

// Failures in the middle of execution: where the job stopped decides what runs now, so the
// steps first establish that, then offer the way back.
function currentState(context: PlaybookContext): string[] {
  return [listContainers(context), runningImage(context), checkHealth(context)];
}

function wayBack(context: PlaybookContext): string[] {
  const name = containerNameOf(context);
  return [
    note(`If ${name} is missing, or runs the new image without answering, bring the old one back:`),
    ...putOldContainerBack(context),
    ...restoreIntoRunningContainer(context, restoreIfOldVersionMisbehaves),
  ];
}

const dockerError: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'POSSIBLE',
  autoRecoverable: false,
  title: 'A Docker operation failed',
  message: (context) =>
    `A Docker call failed during the upgrade to ${targetText(context)}. The updater tried to ` +
    `put the old container back; check that ${containerNameOf(context)} runs and answers ` +
    'before anything else.',
  steps: (context) => [
    updaterLogs,
    "docker info --format '{{.ServerVersion}}'",
    ...currentState(context),
    containerLogs(context),
    ...wayBack(context),
  ],
};

const updaterInterrupted: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'UNKNOWN',
  autoRecoverable: false,
  title: 'The updater stopped in the middle of a job',
  message: (context) =>
    'The updater was stopped (restart, crash or host reboot) during the upgrade to ' +
    `${targetText(context)}, and on its next start it finished or rolled back what it could. ` +
    `Check which container runs as ${containerNameOf(context)} and whether Payram answers.`,
  steps: (context) => [
    note('The job log shows the last step the job reached:'),
    updaterLogs,
    ...currentState(context),
    ...wayBack(context),
  ],
};

const internalError: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'UNKNOWN',
  autoRecoverable: false,
  title: 'The updater hit an unexpected error',
  message: (context) =>
    `The updater failed with an unexpected error during the upgrade to ${targetText(context)}. ` +
    `Check that ${containerNameOf(context)} runs and answers, then report the error with the ` +
    'logs below.',
  steps: (context) => [
    updaterHealth(context),
    updaterDaemonLogs,
    updaterLogs,
    ...currentState(context),
    updaterInspect,
  ],
};

export const executionEntries = {
  DOCKER_ERROR: dockerError,
  UPDATER_INTERRUPTED: updaterInterrupted,
  INTERNAL_ERROR: internalError,
} satisfies CatalogueSection;
