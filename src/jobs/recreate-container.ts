import type { ContainerSpec } from '../container/container-spec.js';
import { checkDataMountPreserved } from '../container/data-mount.js';
import type { ContainerSnapshot } from '../container/container-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { UpdaterError, describeError } from '../shared/updater-error.js';
import type { ExecutionIo } from './execution-io.js';
import type { ContainerRuntime } from './ports.js';

export interface RecreateDeps {
  runtime: ContainerRuntime;
  clock: Clock;
  stopTimeoutSeconds: number;
}

/**
 * Creates the new container while the old one still serves, checks that it mounts the same
 * data, and only then swaps: old restart disabled, stopped, set aside; new renamed and started.
 */
export async function createNext(
  deps: RecreateDeps,
  io: ExecutionIo,
  current: ContainerSnapshot,
  spec: ContainerSpec,
): Promise<string> {
  await io.record('create');
  const id = await dockerStep(`create ${spec.name}`, () => deps.runtime.createContainer(spec));
  await io.record('create', { newContainerId: id });
  await io.log('INFO', `Created ${spec.name} (${id.slice(0, 12)}) from ${spec.image}`);

  const created = await deps.runtime.inspectContainer(id);
  const problem = created === undefined ? 'it vanished' : checkDataMountPreserved(current, created);
  if (problem !== undefined) {
    throw new UpdaterError(
      'DOCKER_ERROR',
      `The new container does not keep the data mount: ${problem}`,
    );
  }
  return id;
}

export async function swapContainers(
  deps: RecreateDeps,
  io: ExecutionIo,
  current: ContainerSnapshot,
): Promise<void> {
  const j = io.journal();
  const newId = j.newContainerId ?? '';

  // A restart of the Docker daemon must not bring the set-aside container back beside the new one.
  await io.record('disable-restart');
  await dockerStep('disable restart', () =>
    deps.runtime.setRestartPolicy(j.oldContainerId, { name: 'no', maximumRetryCount: 0 }),
  );

  await io.record('stop-old', { stoppedAt: deps.clock.now().toISOString() });
  const timeout = current.config.stopTimeout ?? deps.stopTimeoutSeconds;
  await io.log('INFO', `Stopping ${j.containerName} (timeout ${timeout} s)`);
  await dockerStep('stop', () => deps.runtime.stopContainer(j.oldContainerId, timeout));

  await io.record('rename-old');
  await dockerStep('rename old', () => deps.runtime.renameContainer(j.oldContainerId, j.asideName));
  await io.record('rename-new');
  await dockerStep('rename new', () => deps.runtime.renameContainer(newId, j.containerName));
  await io.record('start-new');
  await dockerStep('start', () => deps.runtime.startContainer(newId));
  await io.log('INFO', `Started the new ${j.containerName}; the old one waits as ${j.asideName}`);
}

export async function dockerStep<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof UpdaterError) throw error;
    throw new UpdaterError('DOCKER_ERROR', `Docker failed to ${what}: ${describeError(error)}`, {
      cause: error,
    });
  }
}
