import type { ContainerSnapshot, ImageSnapshot } from '../container/container-snapshot.js';
import { coreBaseUrl } from '../container/core-url.js';
import type { ContainerSpec } from '../container/container-spec.js';
import { compareVersions, parseVersion } from '../policy/versions.js';
import type { Manifest, Policy } from '../policy/types.js';
import { isFailureCode, type FailureCode } from '../shared/failure-codes.js';
import { UpdaterError, describeError, isUpdaterError } from '../shared/updater-error.js';
import type { ExecutionIo } from './execution-io.js';
import { oldMayBeDown, recreationNames, type ExecutionJournal } from './execution-journal.js';
import type { BackupManager, BackupRecord, ContainerRuntime } from './ports.js';
import { createNext, dockerStep, swapContainers, type RecreateDeps } from './recreate-container.js';
import { rollBack, type RollbackDeps } from './roll-back.js';
import { showRecreation } from './show-recreation.js';
import { verifyUpgrade, type VerifyDeps } from './verify-upgrade.js';

export interface ExecutionSettings {
  skipPull: boolean;
  portsOverride: readonly string[] | undefined;
  coreBaseUrlOverride: string | undefined;
}

export type ExecutorDeps = RecreateDeps &
  RollbackDeps & { settings: ExecutionSettings; backups: BackupManager };

export interface ExecutionInput {
  jobId: string;
  containerName: string;
  imageRepo: string;
  targetVersion: string;
  currentVersion: string | undefined;
  manifest: Manifest;
  policy: Policy | undefined;
}

export type ExecutionOutcome =
  | { ok: true; message: string; downtimeMs: number | undefined }
  | { ok: false; code: FailureCode; message: string; downtimeMs: number | undefined };

export interface ExecutionStart {
  begin(journal: ExecutionJournal): Promise<void>;
  /** The backup is done and recorded: the job becomes EXECUTING. */
  backedUp(backup: BackupRecord): Promise<void>;
  /** Called once the new container runs, before verification: the job becomes VERIFYING. */
  verifying(): Promise<void>;
}

/** Pull, derive, create, swap, verify, then clean up or roll back. */
export async function executeUpgrade(
  deps: ExecutorDeps,
  input: ExecutionInput,
  io: ExecutionIo & ExecutionStart,
): Promise<ExecutionOutcome> {
  const current = await preflight(deps, input);
  await deps.backups.checkSpace(current);
  const oldImage = await deps.runtime.inspectImage(current.imageId);
  const targetImage = `${input.imageRepo}:${input.targetVersion}`;
  await io.begin(initialJournal(deps, input, current, targetImage));

  await io.record('pull');
  const newImage = await pull(deps, io, targetImage);
  await backUp(deps, io, current, input);
  try {
    const spec = await deriveAndShow(deps, io, { current, oldImage, newImage, targetImage, input });
    await createNext(deps, io, current, spec);
  } catch (error) {
    await undoPreparations(deps, io);
    throw error;
  }
  return swapAndVerify(deps, io, current, newImage);
}

async function backUp(
  deps: ExecutorDeps,
  io: ExecutionIo & ExecutionStart,
  current: ContainerSnapshot,
  input: ExecutionInput,
): Promise<void> {
  await io.record('backup');
  const backup = await deps.backups.create(current, {
    kind: 'pre-upgrade',
    fromVersion: input.currentVersion ?? 'unknown',
    targetVersion: input.targetVersion,
    jobId: input.jobId,
    stopApplication: true,
    log: (message) => io.log('INFO', message),
    onStopping: (programs) => io.record('backup', { stoppedPrograms: programs }),
  });
  await io.record('backup', { backupPath: backup.path });
  await io.backedUp(backup);
}

/** Before the old container stopped: leave it exactly as it was found. */
export async function undoPreparations(deps: ExecutorDeps, io: ExecutionIo): Promise<void> {
  await removeUnstarted(deps.runtime, io);
  await restoreRestartPolicy(deps.runtime, io);
  const { oldContainerId, stoppedPrograms } = io.journal();
  await deps.backups
    .startPrograms(oldContainerId, stoppedPrograms)
    .catch(async (error: unknown) => {
      await io.log('WARN', `Could not restart the paused programs: ${describeError(error)}`);
    });
}

async function swapAndVerify(
  deps: ExecutorDeps,
  io: ExecutionIo & ExecutionStart,
  current: ContainerSnapshot,
  newImage: ImageSnapshot,
): Promise<ExecutionOutcome> {
  try {
    await swapContainers(deps, io, current);
  } catch (error) {
    const failure = asFailure(error);
    if (!oldMayBeDown(io.journal().step)) {
      await undoPreparations(deps, io);
      return { ok: false, ...failure, downtimeMs: undefined };
    }
    return rollBackFor(deps, io, failure);
  }
  await io.verifying();
  return verifyThenFinish(deps, io, newImage);
}

export async function verifyThenFinish(
  deps: ExecutorDeps,
  io: ExecutionIo,
  newImage: ImageSnapshot | undefined,
): Promise<ExecutionOutcome> {
  const j = io.journal();
  await io.record('verify');
  const result = await verifyUpgrade(verifyDeps(deps, io), {
    containerId: j.newContainerId ?? j.containerName,
    coreBaseUrl: j.coreBaseUrl,
    healthEndpoint: j.healthEndpoint,
    expectedVersion: j.targetImage.slice(j.targetImage.lastIndexOf(':') + 1),
    legacyCore: j.legacyCore,
    imageVersionLabel: newImage?.config.labels['org.opencontainers.image.version'],
  });
  const downtimeMs = downtime(j, result.healthyAt);
  if (result.ok) return finish(deps, io, result.healthyAt);
  if (result.code === 'MIGRATION_FAILED') {
    // The database may be half-migrated: putting the old version on it could make it worse.
    await io.log(
      'ERROR',
      'Migrations failed: nothing is rolled back automatically; see the playbook',
    );
    return { ok: false, code: result.code, message: result.message, downtimeMs };
  }
  return rollBackFor(deps, io, result);
}

export async function finish(
  deps: ExecutorDeps,
  io: ExecutionIo,
  healthyAt: Date | undefined,
): Promise<ExecutionOutcome> {
  await io.record('cleanup', { healthyAt: healthyAt?.toISOString() });
  const j = io.journal();
  const downtimeMs = downtime(j, healthyAt);
  await cleanUp(deps, io);
  const seconds = downtimeMs === undefined ? 'unknown' : `${(downtimeMs / 1000).toFixed(1)} s`;
  const message = `Upgraded ${j.containerName} from ${j.oldImage} to ${j.targetImage}; downtime ${seconds}`;
  return { ok: true, message, downtimeMs };
}

/** After a verified upgrade nothing may turn it into a failure: problems here are warnings. */
async function cleanUp(deps: ExecutorDeps, io: ExecutionIo): Promise<void> {
  const j = io.journal();
  try {
    const old = await deps.runtime.inspectContainer(j.oldContainerId);
    if (old !== undefined) await deps.runtime.removeContainer(old.id);
    const repo = j.targetImage.slice(0, j.targetImage.lastIndexOf(':'));
    const removed = await deps.runtime.removeImagesOf(repo, olderThan(j.oldImage));
    if (removed.length > 0) await io.log('INFO', `Pruned old images: ${removed.join(', ')}`);
  } catch (error) {
    await io.log('WARN', `Cleanup after the upgrade was incomplete: ${describeError(error)}`);
  }
}

/**
 * Old images are those below the version just replaced: the replaced one stays for a manual
 * way back, and newer ones (pulled ahead by an operator) are none of our business.
 */
function olderThan(oldImage: string): (tag: string) => boolean {
  const oldTag = oldImage.slice(oldImage.lastIndexOf(':') + 1);
  if (parseVersion(oldTag) === undefined) return () => false;
  return (tag) => parseVersion(tag) !== undefined && compareVersions(tag, oldTag) < 0;
}

export async function rollBackFor(
  deps: ExecutorDeps,
  io: ExecutionIo,
  failure: { code: FailureCode; message: string },
): Promise<ExecutionOutcome> {
  await io.log('ERROR', `${failure.code}: ${failure.message}; rolling back`);
  await io.record('rollback', { rollbackFor: { code: failure.code, message: failure.message } });
  const result = await rollBack(deps, io);
  if (result.ok) {
    return {
      ok: false,
      ...failure,
      message: `${failure.message} (rolled back to ${io.journal().oldImage})`,
      downtimeMs: undefined,
    };
  }
  await io.log('ERROR', `Rollback failed: ${result.message}`);
  const message = `${failure.code}: ${failure.message}; then the rollback failed: ${result.message}`;
  return { ok: false, code: 'ROLLBACK_FAILED', message, downtimeMs: undefined };
}

async function preflight(deps: ExecutorDeps, input: ExecutionInput): Promise<ContainerSnapshot> {
  await dockerStep('answer a ping', () => deps.runtime.ping());
  const current = await dockerStep('inspect', () =>
    deps.runtime.inspectContainer(input.containerName),
  );
  if (current === undefined) {
    throw new UpdaterError('CONTAINER_NOT_FOUND', `No container named ${input.containerName}`);
  }
  return current;
}

function initialJournal(
  deps: ExecutorDeps,
  input: ExecutionInput,
  current: ContainerSnapshot,
  targetImage: string,
): ExecutionJournal {
  const init = input.policy?.updaterApiInitVersion;
  const oldCoreBaseUrl = coreUrlOf(
    current.hostConfig.networkMode,
    current.publishedPorts,
    deps.settings,
  );
  return {
    step: 'pull',
    containerName: current.name,
    oldContainerId: current.id,
    oldImage: current.imageRef,
    oldRestartPolicy: current.hostConfig.restartPolicy,
    oldPorts: current.hostConfig.portBindings.map(
      (p) => `${p.hostIp === '' ? '' : `${p.hostIp}:`}${p.hostPort}:${p.containerPort}`,
    ),
    oldWasRunning: current.running,
    stoppedPrograms: [],
    backupPath: undefined,
    ...recreationNames(current.name, input.jobId),
    targetImage,
    newContainerId: undefined,
    coreBaseUrl: oldCoreBaseUrl,
    healthEndpoint: input.manifest.healthCheck.endpoint,
    legacyCore: isBefore(input.targetVersion, init),
    oldCoreBaseUrl,
    oldLegacyCore: isBefore(input.currentVersion, init),
    stoppedAt: undefined,
    healthyAt: undefined,
    rollbackFor: undefined,
  };
}

function isBefore(version: string | undefined, init: string | undefined): boolean {
  if (version === undefined || init === undefined) return false;
  if (parseVersion(version) === undefined || parseVersion(init) === undefined) return false;
  return compareVersions(version, init) < 0;
}

function coreUrlOf(
  networkMode: string,
  ports: ContainerSnapshot['publishedPorts'],
  settings: ExecutionSettings,
): string {
  const url = coreBaseUrl(ports, settings.coreBaseUrlOverride);
  if (url !== undefined) return url;
  if (networkMode === 'host') return 'http://127.0.0.1:8080';
  throw new UpdaterError('DOCKER_ERROR', 'The Payram core publishes no port: set CORE_BASE_URL');
}

async function pull(deps: ExecutorDeps, io: ExecutionIo, image: string): Promise<ImageSnapshot> {
  if (deps.settings.skipPull) {
    await io.log('INFO', `SKIP_DOCKER_PULL: using the local ${image}`);
  } else {
    await io.log('INFO', `Pulling ${image}`);
    try {
      await deps.runtime.pullImage(image, (line) => void io.log('INFO', `pull: ${line}`));
    } catch (error) {
      throw new UpdaterError(
        'DOCKER_PULL_FAILED',
        `Pulling ${image} failed: ${describeError(error)}`,
      );
    }
  }
  const found = await deps.runtime.inspectImage(image);
  if (found === undefined)
    throw new UpdaterError('DOCKER_PULL_FAILED', `Image ${image} is not available`);
  return found;
}

interface DeriveArgs {
  current: ContainerSnapshot;
  oldImage: ImageSnapshot | undefined;
  newImage: ImageSnapshot;
  targetImage: string;
  input: ExecutionInput;
}

async function deriveAndShow(
  deps: ExecutorDeps,
  io: ExecutionIo,
  args: DeriveArgs,
): Promise<ContainerSpec> {
  const { spec, lines } = showRecreation({
    ...args,
    targetVersion: args.input.targetVersion,
    createName: io.journal().tempName,
    manifest: args.input.manifest,
    portsOverride: deps.settings.portsOverride,
  });
  for (const line of lines) await io.log(line.level, line.message);
  const { networkMode, portBindings } = spec.hostConfig;
  await io.record('create', { coreBaseUrl: coreUrlOf(networkMode, portBindings, deps.settings) });
  return spec;
}

function verifyDeps(deps: ExecutorDeps, io: ExecutionIo): VerifyDeps {
  return {
    runtime: deps.runtime,
    probe: deps.probe,
    clock: deps.clock,
    sleep: deps.sleep,
    timeoutMs: deps.timeoutMs,
    intervalMs: deps.intervalMs,
    log: (message) => io.log('INFO', message),
  };
}

export function downtime(j: ExecutionJournal, healthyAt: Date | undefined): number | undefined {
  if (j.stoppedAt === undefined || healthyAt === undefined) return undefined;
  return healthyAt.getTime() - new Date(j.stoppedAt).getTime();
}

export async function removeUnstarted(runtime: ContainerRuntime, io: ExecutionIo): Promise<void> {
  const j = io.journal();
  for (const ref of [j.newContainerId, j.tempName]) {
    if (ref === undefined) continue;
    const found = await runtime.inspectContainer(ref).catch(() => undefined);
    if (found !== undefined && found.id !== j.oldContainerId)
      await runtime.removeContainer(found.id);
  }
}

export async function restoreRestartPolicy(
  runtime: ContainerRuntime,
  io: ExecutionIo,
): Promise<void> {
  const j = io.journal();
  await runtime.setRestartPolicy(j.oldContainerId, j.oldRestartPolicy).catch(() => undefined);
}

export function asFailure(error: unknown): { code: FailureCode; message: string } {
  if (isUpdaterError(error) && isFailureCode(error.code)) {
    return { code: error.code, message: error.message };
  }
  return { code: 'DOCKER_ERROR', message: describeError(error) };
}
