import type { Clock } from '../shared/clock.js';
import type { FailureCode } from '../shared/failure-codes.js';
import type { Logger } from '../shared/logger.js';
import type { ExecutionIo } from './execution-io.js';
import type { ExecutionJournal, ExecutionStep } from './execution-journal.js';
import type { ExecutionStart } from './execute-upgrade.js';
import { advanceJob, failJob, isTerminal, type Job, type JobPatch, type JobState } from './job.js';
import type {
  HistoryStatus,
  HistoryStore,
  HistoryType,
  JobLog,
  JobStore,
  LogLevel,
} from './ports.js';

export interface RecorderDeps {
  /** Called after each journaled step is durable; tests use it to crash at that point. */
  onStepRecorded?: ((step: ExecutionStep) => void) | undefined;
  jobs: JobStore;
  history: HistoryStore;
  log: JobLog;
  clock: Clock;
  logger: Logger;
}

/** One job's durable record: every change saved before the next step, logged, and in history. */
export class JobRecorder {
  constructor(
    private readonly deps: RecorderDeps,
    private current: Job,
  ) {}

  get job(): Job {
    return this.current;
  }

  async save(job: Job): Promise<void> {
    this.current = job;
    this.deps.logger.info(
      { jobId: job.id, state: job.state, step: job.execution?.step },
      'job state',
    );
    await this.deps.jobs.save(job);
  }

  patch(patch: JobPatch): Promise<void> {
    return this.save({ ...this.current, ...patch });
  }

  advance(state: JobState, patch: JobPatch = {}): Promise<void> {
    return this.save(advanceJob(this.current, state, patch, this.deps.clock.now()));
  }

  log(level: LogLevel, message: string): Promise<void> {
    return this.deps.log.append(this.current.id, level, message);
  }

  succeed(message: string, downtimeMs?: number): Promise<Job> {
    const patch = downtimeMs === undefined ? { message } : { message, downtimeMs };
    const ready = advanceJob(this.current, 'READY', patch, this.deps.clock.now());
    return this.#end(ready, 'INFO', message, 'succeeded');
  }

  fail(code: FailureCode, message: string, downtimeMs?: number): Promise<Job> {
    if (isTerminal(this.current.state))
      return this.#end(undefined, 'ERROR', `${code}: ${message}`, 'failed');
    const failed = failJob(this.current, code, message, this.deps.clock.now());
    const withDowntime = downtimeMs === undefined ? failed : { ...failed, downtimeMs };
    return this.#end(withDowntime, 'ERROR', `${code}: ${message}`, 'failed');
  }

  /**
   * The log line and the history event are written before the terminal state: whoever sees a
   * job READY or FAILED also finds why. A crash in between leaves the job running, and the
   * next start resolves it.
   */
  async #end(terminal: Job | undefined, level: LogLevel, line: string, status: HistoryStatus) {
    const message = terminal?.errorMessage ?? terminal?.message ?? line;
    if (terminal !== undefined) this.current = terminal;
    await this.log(level, line);
    await this.record(status, status === 'failed' ? (terminal?.errorMessage ?? line) : message);
    if (terminal !== undefined) await this.save(terminal);
    return this.current;
  }

  record(status: HistoryStatus, message: string, type: HistoryType = 'upgrade'): Promise<void> {
    const job = this.current;
    return this.deps.history.append({
      timestamp: this.deps.clock.now().toISOString(),
      type,
      status,
      jobId: job.id,
      message,
      mode: job.mode,
      ...(job.currentVersion === undefined ? {} : { fromVersion: job.currentVersion }),
      ...(job.resolvedTarget === undefined ? {} : { toVersion: job.resolvedTarget }),
      ...(job.errorCode === undefined ? {} : { errorCode: job.errorCode }),
      ...(job.downtimeMs === undefined ? {} : { downtimeMs: job.downtimeMs }),
    });
  }

  executionIo(): ExecutionIo & ExecutionStart {
    return {
      journal: () => {
        if (this.current.execution === undefined) throw new Error('No execution journal yet');
        return this.current.execution;
      },
      record: async (step: ExecutionStep, patch: Partial<ExecutionJournal> = {}) => {
        const journal = { ...this.executionIo().journal(), ...patch, step };
        await this.patch({ execution: journal });
        this.deps.onStepRecorded?.(step);
      },
      log: (level, message) => this.log(level, message),
      begin: (journal) => this.patch({ execution: journal }),
      backedUp: async (backup) => {
        await this.record('succeeded', `Pre-upgrade backup ${backup.filename}`, 'backup');
        await this.advance('EXECUTING', {
          backupPath: backup.path,
          message: 'Replacing the container',
        });
      },
      verifying: () => this.advance('VERIFYING', { message: 'Verifying the new container' }),
    };
  }
}
