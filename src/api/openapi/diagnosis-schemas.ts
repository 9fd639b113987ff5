import {
  closedObject,
  nonEmptyText,
  nullable,
  oneOfValues,
  ref,
  text,
  textOrNull,
  texts,
  timestamp,
  type JsonSchema,
} from './json-schema.js';
import {
  dataRisks,
  inspectedComponents,
  issueSeverities,
  overallStates,
  playbookSeverities,
} from './vocabularies.js';

const playbook = closedObject({
  code: ref('FailureCode'),
  severity: oneOfValues(playbookSeverities),
  data_risk: oneOfValues(dataRisks),
  title: nonEmptyText,
  user_message: nonEmptyText,
  ssh_steps: {
    ...texts,
    description: 'Commands for the operator, rendered for this installation.',
  },
  docs_url: { type: 'string', format: 'uri' },
  backup_path: { ...text, description: 'The pre-upgrade backup, or empty.' },
  auto_recoverable: {
    type: 'boolean',
    description: 'Whether POST /upgrade/recover may act; never for MIGRATION_FAILED.',
  },
});

const checks = closedObject(
  Object.fromEntries(inspectedComponents.map((component) => [component, ref('Check')])),
);

const update = closedObject({
  current_version: textOrNull,
  latest_version: textOrNull,
  dashboard_can_upgrade: { type: 'boolean' },
  dashboard_max_target: {
    ...textOrNull,
    description: 'The highest release a dashboard upgrade may reach from here.',
  },
});

const inspection = closedObject({
  overall_state: oneOfValues(overallStates, 'Any CRITICAL issue: BROKEN; any WARNING: DEGRADED.'),
  issues: { type: 'array', items: ref('Issue') },
  recommendations: texts,
  checks: { ...checks, description: 'One entry per component, in this order.' },
  playbook: nullable(ref('Playbook')),
  update,
  checked_at: timestamp,
});

export const diagnosisSchemas = {
  Playbook: playbook,
  Issue: closedObject({
    component: oneOfValues(inspectedComponents),
    severity: oneOfValues(issueSeverities),
    description: nonEmptyText,
  }),
  Check: closedObject({ ok: { type: 'boolean' }, detail: text }),
  Inspection: inspection,
} satisfies Record<string, JsonSchema>;
