import type { ExecutionIo } from './execution-io.js';
import { oldMayBeDown } from './execution-journal.js';
import {
  finish,
  rollBackFor,
  undoPreparations,
  verifyThenFinish,
  type ExecutionOutcome,
  type ExecutorDeps,
} from './execute-upgrade.js';
import { rollBack } from './roll-back.js';

/**
 * Resolves an execution the updater died in, from the journal's step and what the engine
 * shows: before the old container stopped, undo the preparations; after a verified start,
 * finish; in between, verify the new container or roll back. The same journal and the
 * same containers always lead to the same end.
 */
export async function reconcileExecution(
  deps: ExecutorDeps,
  io: ExecutionIo,
): Promise<ExecutionOutcome> {
  const j = io.journal();
  await io.log('WARN', `The updater restarted during step "${j.step}"; resolving what it left`);

  if (j.step === 'cleanup')
    return finish(deps, io, j.healthyAt === undefined ? undefined : new Date(j.healthyAt));
  if (j.step === 'rollback') return resumeRollback(deps, io);
  if (j.step === 'verify') return reverify(deps, io);
  if (oldMayBeDown(j.step)) {
    return rollBackFor(deps, io, interrupted(`it stopped at "${j.step}"`));
  }
  await undoPreparations(deps, io);
  const old = await deps.runtime.inspectContainer(j.oldContainerId);
  if (old !== undefined && j.oldWasRunning && !old.running)
    await deps.runtime.startContainer(old.id);
  return {
    ok: false,
    code: 'UPDATER_INTERRUPTED',
    message: `The updater stopped at "${j.step}", before ${j.containerName} was stopped; the unstarted new container was removed and nothing else changed`,
    downtimeMs: undefined,
  };
}

async function reverify(deps: ExecutorDeps, io: ExecutionIo): Promise<ExecutionOutcome> {
  const j = io.journal();
  const holder = await deps.runtime.inspectContainer(j.containerName);
  if (holder === undefined || holder.id !== j.newContainerId || !holder.running) {
    return rollBackFor(
      deps,
      io,
      interrupted('the new container was not running when it restarted'),
    );
  }
  await io.log('INFO', 'The new container runs: verifying it again');
  return verifyThenFinish(deps, io, await deps.runtime.inspectImage(j.targetImage));
}

async function resumeRollback(deps: ExecutorDeps, io: ExecutionIo): Promise<ExecutionOutcome> {
  const failure = io.journal().rollbackFor ?? interrupted('it was rolling back');
  const result = await rollBack(deps, io);
  if (result.ok) return { ok: false, ...failure, downtimeMs: undefined };
  return { ok: false, code: 'ROLLBACK_FAILED', message: result.message, downtimeMs: undefined };
}

function interrupted(why: string) {
  return { code: 'UPDATER_INTERRUPTED' as const, message: `The updater was interrupted: ${why}` };
}
