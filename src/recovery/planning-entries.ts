import type { CatalogueEntry, CatalogueSection } from './catalogue-entry.js';
import { containerNameOf, fromText, targetText } from './render-values.js';
import {
  checkHealth,
  checkVersion,
  dryRun,
  dryRunTo,
  imageVersionLabel,
  listAllContainers,
  listBackups,
  listContainers,
  note,
  runningImage,
  runUpgrade,
  startContainer,
  updaterInspect,
  updaterStatus,
} from './steps.js';

// Every code here is a refusal at planning time: no container, image or database was touched.
const refusal = { dataRisk: 'NONE', autoRecoverable: false } as const;

const otherName = note(
  "If Payram runs under another name, set TARGET_CONTAINER_NAME in the updater's environment " +
    'and restart the updater.',
);

const manualUpgradeRequired: CatalogueEntry = {
  severity: 'MANUAL_REQUIRED',
  dataRisk: 'UNKNOWN',
  autoRecoverable: false,
  title: 'This upgrade must be done manually',
  message: (context) =>
    `The upgrade from ${fromText(context, 'the running version')} to ${targetText(context)} ` +
    'reaches or crosses a ' +
    'release with breaking changes, so the dashboard may not perform it. Nothing was changed. ' +
    "Read the migration guide linked in the job's error message before upgrading manually.",
  steps: (context) => [
    updaterStatus,
    note('The plan names the breakpoint and the highest release the dashboard may reach:'),
    dryRun(context, 'dashboard'),
    note('After the migration guide, upgrade manually; the updater takes a verified backup first:'),
    runUpgrade(context, 'manual'),
  ],
};

const targetNotReleased: CatalogueEntry = {
  ...refusal,
  severity: 'MANUAL_REQUIRED',
  title: 'The target is not a published release',
  message: (context) =>
    'Dashboard upgrades only install published Payram releases, and ' +
    `${targetText(context)} is not one. Nothing was changed.`,
  steps: () => [
    updaterStatus,
    note('The plan for `latest` shows the newest release the dashboard may install:'),
    dryRunTo('dashboard', 'latest'),
  ],
};

const targetAboveDashboardMax: CatalogueEntry = {
  ...refusal,
  severity: 'MANUAL_REQUIRED',
  title: 'The target is above what the dashboard may install',
  message: (context) =>
    `The upgrade policy caps dashboard upgrades below ${targetText(context)}. Nothing was ` +
    'changed. Upgrade to the highest allowed release, or upgrade manually beyond it.',
  steps: (context) => [
    updaterStatus,
    note('The plan for `latest` shows the highest release the dashboard may install:'),
    dryRunTo('dashboard', 'latest'),
    note('To go further, upgrade manually; the updater takes a verified backup first:'),
    runUpgrade(context, 'manual'),
  ],
};

const downgradeNotAllowed: CatalogueEntry = {
  ...refusal,
  severity: 'MANUAL_REQUIRED',
  title: 'Downgrades are not allowed',
  message: (context) =>
    `The dashboard never downgrades, and ${targetText(context)} is older than ` +
    `${fromText(context, 'the running version')}: an older release may not run on a database ` +
    'a newer one has migrated. Nothing was changed.',
  steps: (context) => [
    updaterStatus,
    checkVersion(context),
    note('Going back means restoring a backup taken on the older release (see from_version):'),
    listBackups,
  ],
};

const alreadyOnTarget: CatalogueEntry = {
  ...refusal,
  severity: 'INFO',
  title: 'Already on the target version',
  message: (context) =>
    `${containerNameOf(context)} already runs ${targetText(context)}; there is nothing to upgrade.`,
  steps: (context) => [updaterStatus, checkVersion(context)],
};

const currentVersionUnknown: CatalogueEntry = {
  ...refusal,
  severity: 'MANUAL_REQUIRED',
  title: 'The running version could not be determined',
  message: (context) =>
    `The updater could not observe which version ${containerNameOf(context)} runs, so it ` +
    `cannot check breakpoints for a dashboard upgrade to ${targetText(context)} and refused ` +
    'it. Nothing was changed.',
  steps: (context) => [
    listContainers(context),
    checkVersion(context),
    imageVersionLabel(context),
    runningImage(context),
    otherName,
    updaterInspect,
  ],
};

const containerNotFound: CatalogueEntry = {
  ...refusal,
  severity: 'MANUAL_REQUIRED',
  title: 'The Payram container was not found',
  message: (context) =>
    `The updater found no running Payram container to upgrade (looked for ` +
    `${containerNameOf(context)}). Nothing was changed.`,
  steps: (context) => [
    listAllContainers,
    listContainers(context),
    note('If it is stopped, start it and check that it answers:'),
    startContainer(context),
    checkHealth(context),
    otherName,
    updaterInspect,
  ],
};

export const planningEntries = {
  MANUAL_UPGRADE_REQUIRED: manualUpgradeRequired,
  TARGET_NOT_RELEASED: targetNotReleased,
  TARGET_ABOVE_DASHBOARD_MAX: targetAboveDashboardMax,
  DOWNGRADE_NOT_ALLOWED: downgradeNotAllowed,
  ALREADY_ON_TARGET: alreadyOnTarget,
  CURRENT_VERSION_UNKNOWN: currentVersionUnknown,
  CONTAINER_NOT_FOUND: containerNotFound,
} satisfies CatalogueSection;
