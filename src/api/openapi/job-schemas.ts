import { idleStatus } from '../serialize.js';
import {
  closed,
  closedObject,
  nonEmptyText,
  nullable,
  oneOfValues,
  openObject,
  ref,
  text,
  textOrNull,
  texts,
  timestamp,
  type JsonSchema,
} from './json-schema.js';
import {
  executionModes,
  failureCodes,
  jobStates,
  upgradeModes,
  versionSources,
} from './vocabularies.js';

const isFailed: JsonSchema = { type: 'object', properties: { state: { const: 'FAILED' } } };

// Only a FAILED job carries a code and a recovery playbook.
const job: JsonSchema = {
  ...openObject(
    {
      job_id: nonEmptyText,
      state: oneOfValues(jobStates),
      mode: oneOfValues(upgradeModes),
      execution_mode: oneOfValues(executionModes),
      requested_target: nonEmptyText,
      resolved_target: text,
      current_version: text,
      container: text,
      image: text,
      error_code: { type: 'string', enum: [...failureCodes, ''] },
      error_message: text,
      message: text,
      backup_path: text,
      downtime_ms: { type: ['integer', 'null'] },
      created_at: timestamp,
      updated_at: timestamp,
      finished_at: { anyOf: [timestamp, { const: '' }] },
      recovery_playbook: ref('Playbook'),
    },
    ['recovery_playbook'],
  ),
  description: 'The job as clients see it: strings are empty rather than missing.',
  if: isFailed,
  then: {
    type: 'object',
    required: ['recovery_playbook'],
    properties: { error_code: ref('FailureCode') },
  },
  else: {
    type: 'object',
    not: { required: ['recovery_playbook'] },
    properties: { error_code: { const: '' } },
  },
};

const idle = closedObject(
  Object.fromEntries(Object.entries(idleStatus).map(([name, value]) => [name, { const: value }])),
);

const breakpoint = closedObject({ version: nonEmptyText, reason: text, docs: text }, ['docs']);

// A plan is either allowed, with its steps, or refused, with the code that refused it.
const plan: JsonSchema = {
  ...closedObject({
    allowed: { type: 'boolean' },
    mode: oneOfValues(upgradeModes),
    requested_target: nonEmptyText,
    resolved_target: textOrNull,
    image: textOrNull,
    container: textOrNull,
    current_version: textOrNull,
    current_version_source: { type: ['string', 'null'], enum: [...versionSources, null] },
    execution_mode: oneOfValues(executionModes),
    breakpoints_in_the_way: { type: 'array', items: ref('Breakpoint') },
    highest_dashboard_target: textOrNull,
    warnings: texts,
    steps: texts,
    error_code: nullable(ref('FailureCode')),
    error_message: textOrNull,
  }),
  if: { type: 'object', properties: { allowed: { const: true } } },
  then: {
    type: 'object',
    properties: { error_code: { type: 'null' }, error_message: { type: 'null' } },
  },
  else: {
    type: 'object',
    properties: {
      error_code: ref('FailureCode'),
      error_message: nonEmptyText,
      steps: { type: 'array', maxItems: 0 },
    },
  },
};

export function planWhere(allowed: boolean): JsonSchema {
  return closed(ref('Plan'), { type: 'object', properties: { allowed: { const: allowed } } });
}

export const jobSchemas = {
  Job: job,
  IdleStatus: { ...idle, description: 'What GET /upgrade/status shows before any job has run.' },
  JobCreated: closedObject({
    message: { type: 'string', pattern: '^Upgrade job created successfully\\. State: [A-Z_]+$' },
    job_id: nonEmptyText,
    state: oneOfValues(jobStates.filter((state) => state !== 'FAILED')),
  }),
  FailedJob: closed(ref('Error'), ref('Job'), {
    ...isFailed,
    properties: { state: { const: 'FAILED' }, code: ref('FailureCode') },
  }),
  Breakpoint: breakpoint,
  Plan: plan,
  PlanRefusal: closed(ref('Error'), {
    type: 'object',
    properties: { code: ref('FailureCode'), plan: planWhere(false) },
    required: ['plan'],
  }),
  RecoverRetried: closedObject({
    action: { const: 'retried' },
    message: nonEmptyText,
    job_id: nonEmptyText,
    state: oneOfValues(jobStates),
  }),
  RecoveryRefused: closed(ref('Error'), {
    ...openObject({
      code: { const: 'RECOVERY_REFUSED' },
      failure_code: ref('FailureCode'),
      manual_steps: texts,
      playbook: nullable(ref('Playbook')),
    }),
    description: 'The playbook of the last failed job says a person must act.',
  }),
} satisfies Record<string, JsonSchema>;
