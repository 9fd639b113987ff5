import type { Clock } from '../shared/clock.js';
import { describeError } from '../shared/updater-error.js';
import type { ExecutionIo } from './execution-io.js';
import type { ContainerRuntime, CoreProbe, Sleep } from './ports.js';

export interface RollbackDeps {
  runtime: ContainerRuntime;
  probe: CoreProbe;
  clock: Clock;
  sleep: Sleep;
  timeoutMs: number;
  intervalMs: number;
}

export type RollbackResult = { ok: true } | { ok: false; message: string };

/**
 * Puts the old container back under its name, as it was, and confirms it healthy. Safe to
 * run again after a crash in the middle of it: every step checks what is already done.
 */
export async function rollBack(deps: RollbackDeps, io: ExecutionIo): Promise<RollbackResult> {
  const j = io.journal();
  try {
    await removeNewContainers(deps, io);
    const old = await deps.runtime.inspectContainer(j.oldContainerId);
    if (old === undefined)
      return { ok: false, message: `The old container ${j.oldContainerId.slice(0, 12)} is gone` };
    if (old.name !== j.containerName) await deps.runtime.renameContainer(old.id, j.containerName);
    await deps.runtime.setRestartPolicy(old.id, j.oldRestartPolicy);
    if (!j.oldWasRunning) return { ok: true };
    if (!old.running) await deps.runtime.startContainer(old.id);
    await io.log(
      'INFO',
      `Rolled back: ${j.containerName} runs ${j.oldImage} again; confirming health`,
    );
    return await confirmHealthy(deps, io);
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
}

async function removeNewContainers(deps: RollbackDeps, io: ExecutionIo): Promise<void> {
  const j = io.journal();
  const candidates = [j.newContainerId, j.tempName, j.containerName].filter(
    (ref): ref is string => ref !== undefined,
  );
  for (const ref of candidates) {
    const found = await deps.runtime.inspectContainer(ref);
    if (found === undefined || found.id === j.oldContainerId) continue;
    await deps.runtime.removeContainer(found.id);
    await io.log('INFO', `Removed the new container ${found.name} (${found.id.slice(0, 12)})`);
  }
}

async function confirmHealthy(deps: RollbackDeps, io: ExecutionIo): Promise<RollbackResult> {
  const j = io.journal();
  const endpoint = j.oldLegacyCore ? '/' : j.healthEndpoint;
  const deadline = deps.clock.now().getTime() + deps.timeoutMs;
  let detail = 'no answer';
  while (deps.clock.now().getTime() < deadline) {
    const answer = await deps.probe.health(j.oldCoreBaseUrl, endpoint);
    if (answer.ok) {
      await io.log('INFO', `The old ${j.containerName} is healthy again`);
      return { ok: true };
    }
    detail = answer.detail;
    await deps.sleep(deps.intervalMs);
  }
  return { ok: false, message: `The old container did not become healthy again: ${detail}` };
}
