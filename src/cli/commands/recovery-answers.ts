import { ArkErrors, type } from 'arktype';
import { playbookAnswer, readAnswer } from '../responses.js';

// Lenient like responses.ts: an operator diagnosing a broken install needs whatever did arrive.
const maybeText = 'string | null';

const issue = type({ 'component?': maybeText, 'severity?': maybeText, description: 'string' });

const check = type({ ok: 'boolean', 'detail?': maybeText });

const update = type({
  'current_version?': maybeText,
  'latest_version?': maybeText,
  'dashboard_can_upgrade?': 'boolean',
  'dashboard_max_target?': maybeText,
});

const inspection = type({
  overall_state: 'string',
  'issues?': issue.array(),
  'recommendations?': 'string[]',
  'checks?': type({ '[string]': check }),
  'playbook?': playbookAnswer.or('null'),
  'update?': update.or('null'),
  'checked_at?': maybeText,
});

const recoveryStarted = type({
  action: 'string',
  'message?': maybeText,
  'job_id?': maybeText,
  'state?': maybeText,
});

const recoveryRefusal = type({
  'failure_code?': maybeText,
  'manual_steps?': 'string[]',
  'playbook?': playbookAnswer.or('null'),
});

export type Inspection = typeof inspection.infer;
export type RecoveryStarted = typeof recoveryStarted.infer;
export type RecoveryRefusal = typeof recoveryRefusal.infer;

export const readInspection = (body: unknown) =>
  readAnswer(inspection(body), 'GET /upgrade/inspect');
export const readRecoveryStarted = (body: unknown) =>
  readAnswer(recoveryStarted(body), 'POST /upgrade/recover');

/** A refusal is shown even when its details cannot be read: the reason alone still helps. */
export function readRecoveryRefusal(body: unknown): RecoveryRefusal {
  const result = recoveryRefusal(body);
  return result instanceof ArkErrors ? {} : result;
}
