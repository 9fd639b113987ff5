import { ArkErrors, type } from 'arktype';

// Lenient on purpose: a field the CLI does not need, or a null where it expects text, must not
// stop an operator from seeing the rest of what the daemon said.
const maybeText = 'string | null';

const breakpoint = type({ version: 'string', reason: 'string', 'docs?': maybeText });

const plan = type({
  allowed: 'boolean',
  'mode?': maybeText,
  'requested_target?': maybeText,
  'resolved_target?': maybeText,
  'image?': maybeText,
  'container?': maybeText,
  'current_version?': maybeText,
  'current_version_source?': maybeText,
  'execution_mode?': maybeText,
  'breakpoints_in_the_way?': breakpoint.array(),
  'highest_dashboard_target?': maybeText,
  'warnings?': 'string[]',
  'steps?': 'string[]',
  'error_code?': maybeText,
  'error_message?': maybeText,
});

const planAnswer = type({ plan });

const runAccepted = type({ job_id: 'string', state: 'string', 'message?': maybeText });

/** Shared with the inspect and recover readers: one shape of playbook on the wire. */
export const playbookAnswer = type({
  'code?': maybeText,
  'severity?': maybeText,
  'data_risk?': maybeText,
  'title?': maybeText,
  'user_message?': maybeText,
  'ssh_steps?': 'string[]',
  'docs_url?': maybeText,
});

const job = type({
  state: 'string',
  'job_id?': maybeText,
  'mode?': maybeText,
  'requested_target?': maybeText,
  'resolved_target?': maybeText,
  'current_version?': maybeText,
  'container?': maybeText,
  'image?': maybeText,
  'error_code?': maybeText,
  'error_message?': maybeText,
  'message?': maybeText,
  'backup_path?': maybeText,
  'execution_mode?': maybeText,
  'created_at?': maybeText,
  'updated_at?': maybeText,
  'downtime_ms?': 'number | null',
  'recovery_playbook?': playbookAnswer.or('null'),
});

const historyEvent = type({
  'timestamp?': maybeText,
  'type?': maybeText,
  'status?': maybeText,
  'job_id?': maybeText,
  'message?': maybeText,
});

const historyAnswer = type({ logs: historyEvent.array() });

export type Plan = typeof plan.infer;
export type Job = typeof job.infer;
export type Playbook = typeof playbookAnswer.infer;
export type HistoryEvent = typeof historyEvent.infer;

/** The daemon answered 2xx with JSON the CLI cannot read: a version skew, most likely. */
export class UnexpectedAnswerError extends Error {
  override readonly name = 'UnexpectedAnswerError';
}

/** The checked result of an arktype schema, or UnexpectedAnswerError naming the route. */
export function readAnswer<T>(result: T | ArkErrors, what: string): T {
  if (!(result instanceof ArkErrors)) return result;
  throw new UnexpectedAnswerError(
    `The daemon's answer to ${what} has an unexpected shape (${result.summary}). ` +
      'Are the CLI and the daemon the same version?',
  );
}

export const readPlanAnswer = (body: unknown) => readAnswer(planAnswer(body), 'POST /upgrade/plan');
export const readRunAccepted = (body: unknown) =>
  readAnswer(runAccepted(body), 'POST /upgrade/run');
export const readJob = (body: unknown) => readAnswer(job(body), 'GET /upgrade/status');
export const readHistory = (body: unknown) => readAnswer(historyAnswer(body), 'GET /history');

/** The plan a refusal may carry, or undefined when it carries none or an unreadable one. */
export function planInRefusal(body: unknown): Plan | undefined {
  const result = planAnswer(body);
  return result instanceof ArkErrors ? undefined : result.plan;
}
