import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import { UpdaterError, describeError } from '../shared/updater-error.js';
import {
  asFailure,
  executeUpgrade,
  rollBackFor,
  type ExecutionOutcome,
  type ExecutorDeps,
} from './execute-upgrade.js';
import { oldMayBeDown, type ExecutionStep } from './execution-journal.js';
import { createJob, isTerminal, type Job } from './job.js';
import type { JobLock, Lease } from './job-lock.js';
import { JobRecorder } from './job-recorder.js';
import type { HistoryStore, JobLog, JobStore } from './ports.js';
import {
  preparePlan,
  type PlanningDeps,
  type PreparedPlan,
  type UpgradeRequest,
} from './prepare-plan.js';
import { renderPlaybook } from '../recovery/render-playbook.js';
import { reconcileExecution } from './reconcile-execution.js';
import { dryRunRecreation } from './show-recreation.js';
import type { UpgradePlan } from './upgrade-plan.js';

export interface UpgradeServiceDeps extends PlanningDeps {
  jobs: JobStore;
  history: HistoryStore;
  log: JobLog;
  lock: JobLock;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  /** The engine and the core; needed to execute upgrades and to resolve interrupted ones. */
  execution: ExecutorDeps | undefined;
  onStepRecorded?: ((step: ExecutionStep) => void) | undefined;
}

export const jobInProgressMessage = 'An upgrade job is already in progress';

export type RecoverResult =
  { kind: 'retried'; job: Job; message: string } | { kind: 'refused'; failed: Job };

// Whether a code may be retried does not depend on where Payram runs.
const emptyPlaybookContext = {
  containerName: undefined,
  image: undefined,
  targetImage: undefined,
  ports: [],
  backupPath: undefined,
  fromVersion: undefined,
  toVersion: undefined,
  updaterUrl: '',
};

/** Plans upgrades and runs upgrade jobs, one at a time. */
export class UpgradeService {
  readonly #deps: UpgradeServiceDeps;
  /** The background part of the running job, for shutdown and tests. */
  #background: Promise<unknown> = Promise.resolve();

  constructor(deps: UpgradeServiceDeps) {
    if (deps.executionMode === 'execute' && deps.execution === undefined) {
      throw new UpdaterError('INVALID_CONFIG', 'Execute mode needs the Docker engine');
    }
    this.#deps = deps;
  }

  async plan(request: UpgradeRequest): Promise<UpgradePlan> {
    return (await preparePlan(this.#deps, request)).plan;
  }

  /**
   * Creates a job and runs it up to its plan; that is what the client is told. A dry run ends
   * there; an upgrade goes on in the background, holding the lock until it ends.
   */
  async start(request: UpgradeRequest): Promise<Job> {
    const id = this.#deps.newId();
    const lease = this.#deps.lock.tryAcquire('upgrade', id);
    if (lease === undefined) {
      throw new UpdaterError('CONCURRENCY_BLOCKED', jobInProgressMessage, { status: 409 });
    }
    let handedOff = false;
    try {
      const recorder = await this.#create(id, request);
      const prepared = await this.#prepare(recorder, request);
      if (prepared === undefined) return recorder.job;
      if (!prepared.plan.allowed) return await this.#refuse(recorder, prepared.plan);
      if (this.#deps.executionMode === 'dry-run')
        return await this.#finishDryRun(recorder, prepared);
      await recorder.advance('BACKING_UP', {
        message: `Pulling ${prepared.plan.image ?? 'the image'} and backing the database up`,
      });
      this.#background = this.#execute(recorder, prepared, lease);
      handedOff = true;
      return recorder.job;
    } finally {
      if (!handedOff) lease.release();
    }
  }

  /**
   * Retries the last failed job with the same mode and target, only where its playbook says
   * that is safe (nothing was changed); otherwise says no and leaves the steps to a person.
   */
  async recover(): Promise<RecoverResult> {
    const last = await this.lastFinished();
    if (last?.state !== 'FAILED' || last.errorCode === undefined) {
      throw new UpdaterError(
        'NOTHING_TO_RECOVER',
        'The last upgrade job did not fail: nothing to recover',
      );
    }
    const safe = renderPlaybook(last.errorCode, { ...emptyPlaybookContext }).autoRecoverable;
    if (!safe) return { kind: 'refused', failed: last };
    const job = await this.start({
      mode: last.mode,
      requestedTarget: last.requestedTarget,
      currentVersionHint: undefined,
    });
    const message = `Retried the ${last.errorCode} job ${last.id} with the same mode and target`;
    return { kind: 'retried', job, message };
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

  /** Resolves when the background part of the current job has ended. */
  settled(): Promise<unknown> {
    return this.#background;
  }

  /**
   * A job left in a non-terminal state means the updater died under it. The lock is taken
   * now, synchronously after the load, and held until what the job left is resolved.
   */
  async resolveInterrupted(): Promise<Job | undefined> {
    const job = await this.#deps.jobs.loadCurrent();
    if (job === undefined || isTerminal(job.state)) return undefined;
    const lease = this.#deps.lock.tryAcquire('recover', job.id);
    if (lease === undefined) return undefined;
    const recorder = new JobRecorder(this.#deps, job);
    this.#deps.logger.warn({ jobId: job.id, state: job.state }, 'resolving interrupted job');
    const done = this.#reconcile(recorder).finally(() => {
      lease.release();
    });
    this.#background = done;
    return done;
  }

  async #reconcile(recorder: JobRecorder): Promise<Job> {
    const { execution } = this.#deps;
    const job = recorder.job;
    if (job.execution === undefined || execution === undefined) {
      const touched =
        job.execution === undefined
          ? 'Nothing had been changed yet.'
          : 'Its containers could not be checked: Docker is not configured.';
      return recorder.fail(
        'UPDATER_INTERRUPTED',
        `The updater stopped while the job was in ${job.state}; it was ended when the updater started again. ${touched}`,
      );
    }
    return this.#conclude(
      recorder,
      await this.#guard(recorder, () => reconcileExecution(execution, recorder.executionIo())),
    );
  }

  async #create(id: string, request: UpgradeRequest): Promise<JobRecorder> {
    const { clock, executionMode } = this.#deps;
    const recorder = new JobRecorder(
      this.#deps,
      createJob({ id, ...request, executionMode, now: clock.now() }),
    );
    await recorder.save(recorder.job);
    await recorder.record(
      'started',
      `Upgrade job created (${request.mode}, target ${request.requestedTarget})`,
    );
    await recorder.log(
      'INFO',
      `Job ${id} created: ${request.mode} upgrade to ${request.requestedTarget} (${executionMode})`,
    );
    return recorder;
  }

  async #prepare(
    recorder: JobRecorder,
    request: UpgradeRequest,
  ): Promise<PreparedPlan | undefined> {
    try {
      const prepared = await preparePlan(this.#deps, request, {
        enterManifestPhase: () =>
          recorder.advance('MANIFEST_FETCHING', { message: 'Fetching the runtime manifest' }),
        warn: (message) => recorder.log('WARN', message),
      });
      const { plan } = prepared;
      await recorder.patch({
        resolvedTarget: plan.resolvedTarget,
        currentVersion: plan.currentVersion,
        container: plan.container,
        image: plan.image,
      });
      const source = plan.currentVersionSource ?? 'nothing observed';
      await recorder.log(
        'INFO',
        `Resolved ${plan.requestedTarget} to ${plan.resolvedTarget ?? '(unresolved)'}; current version ${plan.currentVersion ?? 'unknown'} (${source})`,
      );
      for (const warning of plan.warnings) await recorder.log('WARN', warning);
      return prepared;
    } catch (error) {
      this.#deps.logger.error({ err: error, jobId: recorder.job.id }, 'planning crashed');
      await recorder.fail('INTERNAL_ERROR', `Unexpected error: ${describeError(error)}`);
      return undefined;
    }
  }

  #refuse(recorder: JobRecorder, plan: UpgradePlan): Promise<Job> {
    return recorder.fail(plan.errorCode ?? 'INTERNAL_ERROR', plan.errorMessage ?? 'Refused');
  }

  async #finishDryRun(recorder: JobRecorder, prepared: PreparedPlan): Promise<Job> {
    const { plan, manifest } = prepared;
    for (const step of plan.steps) await recorder.log('INFO', `[dry-run] would: ${step}`);
    const runtime = this.#deps.execution?.runtime;
    if (
      runtime !== undefined &&
      manifest !== undefined &&
      plan.container !== undefined &&
      plan.image !== undefined
    ) {
      const lines = await dryRunRecreation(runtime, {
        containerName: plan.container,
        imageRepo: plan.image.slice(0, plan.image.lastIndexOf(':')),
        targetVersion: plan.resolvedTarget ?? plan.requestedTarget,
        manifest,
        portsOverride: this.#deps.execution?.settings.portsOverride,
      });
      for (const line of lines) await recorder.log(line.level, `[dry-run] ${line.message}`);
    }
    const target = plan.resolvedTarget ?? plan.requestedTarget;
    return recorder.succeed(
      `Dry run complete: ${plan.container ?? 'Payram'} would be upgraded to ${target}; nothing was changed`,
    );
  }

  async #execute(recorder: JobRecorder, prepared: PreparedPlan, lease: Lease): Promise<Job> {
    try {
      const { plan, manifest, policy } = prepared;
      const execution = this.#deps.execution;
      if (
        execution === undefined ||
        manifest === undefined ||
        plan.resolvedTarget === undefined ||
        plan.container === undefined
      ) {
        return await recorder.fail('INTERNAL_ERROR', 'The plan lacks what execution needs');
      }
      const input = {
        jobId: recorder.job.id,
        containerName: plan.container,
        imageRepo: (plan.image ?? '').slice(0, (plan.image ?? '').lastIndexOf(':')),
        targetVersion: plan.resolvedTarget,
        currentVersion: plan.currentVersion,
        manifest,
        policy,
      };
      const io = recorder.executionIo();
      return await this.#conclude(
        recorder,
        await this.#guard(recorder, () => executeUpgrade(execution, input, io)),
      );
    } finally {
      lease.release();
    }
  }

  /** Whatever goes wrong, an old container that may be down is put back before the job ends. */
  async #guard(
    recorder: JobRecorder,
    run: () => Promise<ExecutionOutcome>,
  ): Promise<ExecutionOutcome> {
    try {
      return await run();
    } catch (error) {
      const failure = asFailure(error);
      const journal = recorder.job.execution;
      const execution = this.#deps.execution;
      if (
        journal !== undefined &&
        execution !== undefined &&
        oldMayBeDown(journal.step) &&
        journal.step !== 'rollback'
      ) {
        return rollBackFor(execution, recorder.executionIo(), failure);
      }
      this.#deps.logger.error({ err: error, jobId: recorder.job.id }, 'upgrade step failed');
      return { ok: false, ...failure, downtimeMs: undefined };
    }
  }

  #conclude(recorder: JobRecorder, outcome: ExecutionOutcome): Promise<Job> {
    return outcome.ok
      ? recorder.succeed(outcome.message, outcome.downtimeMs)
      : recorder.fail(outcome.code, outcome.message, outcome.downtimeMs);
  }
}
