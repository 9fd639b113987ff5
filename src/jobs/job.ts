import type { FailureCode } from '../shared/failure-codes.js';
import type { UpgradeMode } from '../policy/types.js';
import type { ExecutionJournal } from './execution-journal.js';

export const jobStates = [
  'POLICY_FETCHING',
  'MANIFEST_FETCHING',
  'READY',
  'BACKING_UP',
  'EXECUTING',
  'VERIFYING',
  'FAILED',
] as const;

export type JobState = (typeof jobStates)[number];

/** What /upgrade/status shows when no job has ever run. */
export type StatusState = JobState | 'IDLE';

export type ExecutionMode = 'dry-run' | 'execute';

export interface Job {
  id: string;
  state: JobState;
  mode: UpgradeMode;
  executionMode: ExecutionMode;
  requestedTarget: string;
  resolvedTarget: string | undefined;
  currentVersion: string | undefined;
  /** The Payram container the job works on, and the image it would run. */
  container: string | undefined;
  image: string | undefined;
  errorCode: FailureCode | undefined;
  errorMessage: string | undefined;
  /** A sentence for people: what the job did or is doing. */
  message: string;
  backupPath: string | undefined;
  downtimeMs: number | undefined;
  /** Execute mode only: what the recreation has done so far, for crash recovery. */
  execution: ExecutionJournal | undefined;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | undefined;
}

const terminal: ReadonlySet<JobState> = new Set(['READY', 'FAILED']);

export function isTerminal(state: JobState): boolean {
  return terminal.has(state);
}

/**
 * Where each state may go next. READY is terminal: it marks a finished dry run or a finished
 * upgrade, never a job waiting to be executed.
 */
const allowed: Readonly<Record<JobState, readonly JobState[]>> = {
  POLICY_FETCHING: ['MANIFEST_FETCHING', 'FAILED'],
  MANIFEST_FETCHING: ['READY', 'BACKING_UP', 'FAILED'],
  BACKING_UP: ['EXECUTING', 'FAILED'],
  EXECUTING: ['VERIFYING', 'FAILED'],
  VERIFYING: ['READY', 'FAILED'],
  READY: [],
  FAILED: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return allowed[from].includes(to);
}

export interface NewJob {
  id: string;
  mode: UpgradeMode;
  executionMode: ExecutionMode;
  requestedTarget: string;
  now: Date;
}

export function createJob(input: NewJob): Job {
  const at = input.now.toISOString();
  return {
    id: input.id,
    state: 'POLICY_FETCHING',
    mode: input.mode,
    executionMode: input.executionMode,
    requestedTarget: input.requestedTarget,
    resolvedTarget: undefined,
    currentVersion: undefined,
    container: undefined,
    image: undefined,
    errorCode: undefined,
    errorMessage: undefined,
    message: 'Fetching the release policy',
    backupPath: undefined,
    downtimeMs: undefined,
    execution: undefined,
    createdAt: at,
    updatedAt: at,
    finishedAt: undefined,
  };
}

export type JobPatch = Partial<
  Pick<
    Job,
    | 'resolvedTarget'
    | 'currentVersion'
    | 'container'
    | 'image'
    | 'message'
    | 'backupPath'
    | 'downtimeMs'
    | 'execution'
  >
>;

export function advanceJob(job: Job, to: JobState, patch: JobPatch, now: Date): Job {
  if (!canTransition(job.state, to)) {
    throw new Error(`Job ${job.id} cannot go from ${job.state} to ${to}`);
  }
  const at = now.toISOString();
  return {
    ...job,
    ...patch,
    state: to,
    updatedAt: at,
    finishedAt: isTerminal(to) ? at : undefined,
  };
}

export function failJob(job: Job, code: FailureCode, message: string, now: Date): Job {
  const failed = advanceJob(job, 'FAILED', { message: `Failed: ${message}` }, now);
  return { ...failed, errorCode: code, errorMessage: message };
}
