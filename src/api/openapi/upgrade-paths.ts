import { errorBody } from './error-schemas.js';
import { planWhere } from './job-schemas.js';
import { closed, closedObject, nullable, ref, type JsonSchema } from './json-schema.js';
import { json, responseRef, type Operation, type PathItem } from './openapi-types.js';
import { jsonBody, readOperation, writeOperation } from './operations.js';

const tags = ['upgrade'];
const upgradeBody = jsonBody('What to upgrade to, and how.', ref('UpgradeRequest'));
const recorded = 'the FAILED job is recorded (status and history show it) and is the body.';

/** An error body that carries the refused job or plan as well. */
function failedWith(status: number, base: JsonSchema, description: string) {
  return json(description, errorBody(status, base));
}

function startJob(operationId: string, summary: string): Operation {
  return writeOperation({
    operationId,
    summary,
    description:
      'Plans the upgrade and creates the job. In execute mode the job then runs in the background.',
    tags,
    requestBody: upgradeBody,
    responses: {
      '201': json(
        'The job was created; in dry-run mode it has already ended READY.',
        ref('JobCreated'),
      ),
      '409': responseRef('Conflict'),
      '422': failedWith(
        422,
        ref('FailedJob'),
        `Refused by policy or what was observed; ${recorded}`,
      ),
      '502': failedWith(
        502,
        ref('FailedJob'),
        `The policy or the manifest was unavailable; ${recorded}`,
      ),
      '500': json(`An unexpected error; one during planning fails the job: ${recorded}`, {
        oneOf: [errorBody(500), errorBody(500, ref('FailedJob'))],
      }),
    },
  });
}

const plan = writeOperation({
  operationId: 'planUpgrade',
  summary: 'The plan only: creates no job and changes nothing',
  tags,
  requestBody: upgradeBody,
  responses: {
    '200': json('The upgrade would be allowed.', closedObject({ plan: planWhere(true) })),
    '422': failedWith(422, ref('PlanRefusal'), 'The upgrade would be refused; the plan says why.'),
    '502': failedWith(502, ref('PlanRefusal'), 'The policy or the manifest could not be had.'),
    '500': json('An unexpected error.', {
      oneOf: [errorBody(500), errorBody(500, ref('PlanRefusal'))],
    }),
  },
});

const recover = writeOperation({
  operationId: 'recoverUpgrade',
  summary: 'Retries the last failed job where its playbook says that is safe',
  tags,
  responses: {
    '200': json('The failed job was retried with the same mode and target.', ref('RecoverRetried')),
    '409': responseRef('Conflict'),
    '422': json('Automated recovery is refused: the manual steps follow.', ref('RecoveryRefused')),
  },
});

const follow = {
  name: 'follow',
  in: 'query',
  description: '`1` or `true`: stream new lines until the job ends. Otherwise the log so far.',
  schema: { type: 'string', examples: ['1'] },
} as const;

export const upgradePaths: Readonly<Record<string, PathItem>> = {
  '/upgrade': { post: startJob('startUpgrade', 'Creates an upgrade job') },
  '/upgrade/run': { post: startJob('runUpgrade', 'Creates an upgrade job (the CLI `run`)') },
  '/upgrade/plan': { post: plan },
  '/upgrade/status': {
    get: readOperation({
      operationId: 'getUpgradeStatus',
      summary: 'The current or last job, or IDLE when none has run',
      tags,
      responses: {
        '200': json('The job; a FAILED one carries its recovery playbook.', {
          oneOf: [closed(ref('Job')), ref('IdleStatus')],
        }),
      },
    }),
  },
  '/upgrade/logs': {
    get: readOperation({
      operationId: 'getUpgradeLogs',
      summary: 'The log of the current or last job, as text',
      tags,
      parameters: [follow],
      responses: {
        '200': {
          description: 'One line per entry; empty when no job has run.',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      },
    }),
  },
  '/upgrade/last': {
    get: readOperation({
      operationId: 'getLastUpgrade',
      summary: 'The last finished job',
      tags,
      responses: {
        '200': json('The job; a FAILED one carries its recovery playbook.', closed(ref('Job'))),
        '404': responseRef('NotFound'),
      },
    }),
  },
  '/upgrade/playbook': {
    get: readOperation({
      operationId: 'getRecoveryPlaybook',
      summary: 'The recovery playbook of the last failed job',
      tags,
      responses: {
        '200': json(
          'null unless the last finished job failed.',
          closedObject({ playbook: nullable(ref('Playbook')) }),
        ),
      },
    }),
  },
  '/upgrade/recover': { post: recover },
  '/upgrade/inspect': {
    get: readOperation({
      operationId: 'inspectInstallation',
      summary: 'Read-only diagnostics of the whole installation',
      description: 'Answers 200 whatever state the installation is in.',
      tags: ['diagnostics'],
      responses: { '200': json('The diagnosis.', ref('Inspection')) },
    }),
  },
};
