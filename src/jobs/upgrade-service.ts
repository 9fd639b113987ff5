import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import { UpdaterError, describeError } from '../shared/updater-error.js';
import { advanceJob, createJob, failJob, isTerminal, type Job } from './job.js';
import type { JobLock } from './job-lock.js';
import type { HistoryStore, JobLog, JobStore, LogLevel } from './ports.js';
import { preparePlan, type PlanningDeps, type UpgradeRequest } from './prepare-plan.js';
import type { UpgradePlan } from './upgrade-plan.js';

export interface UpgradeServiceDeps extends PlanningDeps {
  jobs: JobStore;
  history: HistoryStore;
  log: JobLog;
  lock: JobLock;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
}

export const jobInProgressMessage = 'An upgrade job is already in progress';

/** Plans upgrades and runs upgrade jobs, one at a time. */
export class UpgradeService {
  readonly #deps: UpgradeServiceDeps;

  constructor(deps: UpgradeServiceDeps) {
    if (deps.executionMode === 'execute') {
      // Ideally execute mode would work already; for now it is refused at start, and this
      // check goes once the container executor lands (issue 3).
      throw new UpdaterError(
        'INVALID_CONFIG',
        'EXECUTION_MODE=execute is not available yet: use dry-run',
      );
    }
    this.#deps = deps;
  }

  /**
   * A job left in a non-terminal state means the updater died under it. Ending it here keeps it
   * from blocking new jobs; the log says what happened.
   */
  async resolveInterrupted(): Promise<Job | undefined> {
    const job = await this.#deps.jobs.loadCurrent();
    if (job === undefined || isTerminal(job.state)) return undefined;
    const message = `The updater stopped while the job was in ${job.state}; it was ended when the updater started again. A dry-run job changes nothing, so nothing needs undoing.`;
    this.#deps.logger.warn({ jobId: job.id, state: job.state }, 'resolving interrupted job');
    return this.#failWith(job, 'UPDATER_INTERRUPTED', message);
  }

  plan(request: UpgradeRequest): Promise<UpgradePlan> {
    return preparePlan(this.#deps, request);
  }

  /**
   * Creates a job and runs it up to its plan. A dry run ends there (READY or FAILED); the
   * returned job is what the client is told.
   */
  async start(request: UpgradeRequest): Promise<Job> {
    const id = this.#deps.newId();
    const lease = this.#deps.lock.tryAcquire('upgrade', id);
    if (lease === undefined) {
      throw new UpdaterError('CONCURRENCY_BLOCKED', jobInProgressMessage, { status: 409 });
    }
    try {
      return await this.#run(id, request);
    } finally {
      lease.release();
    }
  }

  current(): Promise<Job | undefined> {
    return this.#deps.jobs.loadCurrent();
  }

  lastFinished(): Promise<Job | undefined> {
    return this.#deps.jobs.loadLastFinished();
  }

  isRunning(jobId: string): boolean {
    return this.#deps.lock.current?.holder === jobId;
  }

  async #run(id: string, request: UpgradeRequest): Promise<Job> {
    const { clock, executionMode } = this.#deps;
    let job = createJob({ id, ...request, executionMode, now: clock.now() });
    await this.#save(job);
    await this.#record(
      job,
      'started',
      `Upgrade job created (${request.mode}, target ${request.requestedTarget})`,
    );
    await this.#log(
      job,
      'INFO',
      `Job ${id} created: ${request.mode} upgrade to ${request.requestedTarget} (${executionMode})`,
    );

    try {
      const plan = await preparePlan(this.#deps, request, {
        enterManifestPhase: async () => {
          job = advanceJob(
            job,
            'MANIFEST_FETCHING',
            { message: 'Fetching the runtime manifest' },
            clock.now(),
          );
          await this.#save(job);
        },
        warn: (message) => this.#log(job, 'WARN', message),
      });
      job = {
        ...job,
        resolvedTarget: plan.resolvedTarget,
        currentVersion: plan.currentVersion,
        container: plan.container,
        image: plan.image,
      };
      await this.#logPlan(job, plan);
      return plan.allowed ? await this.#finishDryRun(job, plan) : await this.#fail(job, plan);
    } catch (error) {
      this.#deps.logger.error({ err: error, jobId: id }, 'upgrade job crashed');
      return this.#failWith(job, 'INTERNAL_ERROR', `Unexpected error: ${describeError(error)}`);
    }
  }

  async #logPlan(job: Job, plan: UpgradePlan): Promise<void> {
    const current = plan.currentVersion ?? 'unknown';
    const source = plan.currentVersionSource ?? 'nothing observed';
    await this.#log(
      job,
      'INFO',
      `Resolved ${plan.requestedTarget} to ${plan.resolvedTarget ?? '(unresolved)'}; current version ${current} (${source})`,
    );
    for (const warning of plan.warnings) await this.#log(job, 'WARN', warning);
  }

  async #finishDryRun(job: Job, plan: UpgradePlan): Promise<Job> {
    for (const step of plan.steps) await this.#log(job, 'INFO', `[dry-run] would: ${step}`);
    const target = plan.resolvedTarget ?? job.requestedTarget;
    const message = `Dry run complete: ${plan.container ?? 'Payram'} would be upgraded to ${target}; nothing was changed`;
    const ready = advanceJob(job, 'READY', { message }, this.#deps.clock.now());
    await this.#save(ready);
    await this.#log(ready, 'INFO', message);
    await this.#record(ready, 'succeeded', message);
    return ready;
  }

  #fail(job: Job, plan: UpgradePlan): Promise<Job> {
    return this.#failWith(job, plan.errorCode ?? 'INTERNAL_ERROR', plan.errorMessage ?? 'Refused');
  }

  async #failWith(job: Job, code: Parameters<typeof failJob>[1], message: string): Promise<Job> {
    const failed = isTerminal(job.state)
      ? job
      : failJob(job, code, message, this.#deps.clock.now());
    await this.#save(failed);
    await this.#log(failed, 'ERROR', `${code}: ${message}`);
    await this.#record(failed, 'failed', message);
    return failed;
  }

  #save(job: Job): Promise<void> {
    this.#deps.logger.info({ jobId: job.id, state: job.state }, 'job state');
    return this.#deps.jobs.save(job);
  }

  #log(job: Job, level: LogLevel, message: string): Promise<void> {
    return this.#deps.log.append(job.id, level, message);
  }

  #record(job: Job, status: 'started' | 'succeeded' | 'failed', message: string): Promise<void> {
    return this.#deps.history.append({
      timestamp: this.#deps.clock.now().toISOString(),
      type: 'upgrade',
      status,
      jobId: job.id,
      message,
      mode: job.mode,
      ...(job.currentVersion === undefined ? {} : { fromVersion: job.currentVersion }),
      ...(job.resolvedTarget === undefined ? {} : { toVersion: job.resolvedTarget }),
      ...(job.errorCode === undefined ? {} : { errorCode: job.errorCode }),
    });
  }
}
