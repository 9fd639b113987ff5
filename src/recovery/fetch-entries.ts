import type { CatalogueEntry, CatalogueSection } from './catalogue-entry.js';
import type { PlaybookContext } from './playbook.js';
import { targetText } from './render-values.js';
import {
  dryRun,
  note,
  updaterDaemonLogs,
  updaterLogs,
  updaterRecover,
  updaterSetting,
} from './steps.js';

interface RemoteDocument {
  name: string;
  variable: string;
  /** the policy only binds dashboard upgrades; a manual one goes ahead without it */
  manualModeSkipsIt: boolean;
}

const policy: RemoteDocument = {
  name: 'upgrade policy',
  variable: 'POLICY_URL',
  manualModeSkipsIt: true,
};
const manifest: RemoteDocument = {
  name: 'runtime manifest',
  variable: 'RUNTIME_MANIFEST_URL',
  manualModeSkipsIt: false,
};

function manualModeHint(document: RemoteDocument, context: PlaybookContext): string[] {
  if (!document.manualModeSkipsIt) return [];
  return [
    note('A manual upgrade goes ahead without the policy, and so without its breakpoints:'),
    dryRun(context, 'manual'),
  ];
}

function fetchFailed(document: RemoteDocument): CatalogueEntry {
  return {
    severity: 'RETRYABLE',
    dataRisk: 'NONE',
    autoRecoverable: true,
    title: `Could not fetch the ${document.name}`,
    message: (context) =>
      `The updater could not download the ${document.name} while planning the upgrade to ` +
      `${targetText(context)}. Nothing was changed; retry once the source is reachable.`,
    steps: (context) => [
      updaterLogs,
      updaterDaemonLogs,
      note(`Where the updater reads the ${document.name} from:`),
      updaterSetting(document.variable),
      note('Check that this host reaches it (DNS, proxy, firewall), then retry:'),
      updaterRecover,
      ...manualModeHint(document, context),
    ],
  };
}

function invalidJson(document: RemoteDocument): CatalogueEntry {
  return {
    severity: 'MANUAL_REQUIRED',
    dataRisk: 'NONE',
    autoRecoverable: false,
    title: `The ${document.name} is not valid`,
    message: (context) =>
      `The ${document.name} was downloaded but is not valid JSON or has a field of the wrong ` +
      `shape, so the upgrade to ${targetText(context)} was not planned. Nothing was changed.`,
    steps: (context) => [
      note('The job log names the field or the position that is wrong:'),
      updaterLogs,
      updaterSetting(document.variable),
      note(`Fix or republish it, or point ${document.variable} at a valid copy; then plan again:`),
      dryRun(context, 'dashboard'),
      ...manualModeHint(document, context),
    ],
  };
}

export const fetchEntries = {
  POLICY_FETCH_FAILED: fetchFailed(policy),
  POLICY_INVALID_JSON: invalidJson(policy),
  MANIFEST_FETCH_FAILED: fetchFailed(manifest),
  MANIFEST_INVALID_JSON: invalidJson(manifest),
} satisfies CatalogueSection;
