import { UpdaterError } from '../shared/updater-error.js';
import type { RuntimeOverlay } from '../policy/types.js';
import type { ContainerSnapshot, ImageSnapshot, RestartPolicy } from './container-snapshot.js';
import type { ContainerSpec } from './container-spec.js';
import { specKeepsDataMount } from './data-mount.js';
import { deriveHostname, deriveNetworks, rewriteLink } from './derive-networks.js';
import { deriveExposedPorts, derivePortBindings } from './derive-ports.js';
import { deriveStorage } from './derive-storage.js';
import { overlayEnv } from './env-entries.js';
import { missingImageNote } from './derive-notes.js';
import { userEnv, userLabels, userProcessFields } from './image-defaults.js';
import { parseRestartPolicy } from './restart-policy.js';

// Callers merge the manifest's overlay for the target version before deriving the spec.
export { mergeOverlay } from './merge-overlay.js';

export interface DeriveSpecInput {
  current: ContainerSnapshot;
  /** The running container's image; it may be gone from the engine. */
  oldImage: ImageSnapshot | undefined;
  /** The pulled target image. */
  newImage: ImageSnapshot;
  /** `repo:tag` to create from. */
  targetImage: string;
  /** The temporary name used at create time; the container is renamed later. */
  createName: string;
  /** Already merged (see mergeOverlay). */
  overlay: RuntimeOverlay;
  /** `[ip:]host:container[/proto]` entries. */
  portsOverride: readonly string[] | undefined;
}

export interface DerivedSpec {
  spec: ContainerSpec;
  /** Human sentences about the judgement calls made on the way. */
  notes: string[];
}

// HostConfigSnapshot names these; a copy left in `rest` would be sent twice.
const typedHostConfigKeys = new Set([
  'Binds',
  'Mounts',
  'PortBindings',
  'RestartPolicy',
  'NetworkMode',
  'Links',
]);

/**
 * The new container's spec: the user's intent read from the running container, without the
 * engine's runtime state or the old image's defaults, with the manifest's overlay on top.
 */
export function deriveSpec(input: DeriveSpecInput): DerivedSpec {
  const { current, oldImage, newImage, overlay } = input;
  const notes: string[] = [];
  if (oldImage === undefined) notes.push(missingImageNote(current.imageId));

  const portBindings = derivePortBindings(current, overlay.ports, input.portsOverride, notes);
  const spec: ContainerSpec = {
    name: input.createName,
    image: input.targetImage,
    config: {
      env: overlayEnv(userEnv(current.config.env, oldImage, newImage, notes), overlay.env),
      labels: userLabels(current.config.labels, oldImage, newImage, notes),
      ...userProcessFields(current.config, oldImage),
      hostname: deriveHostname(current),
      domainname: current.config.domainname || undefined,
      exposedPorts: deriveExposedPorts(current, oldImage, portBindings),
      stopTimeout: current.config.stopTimeout,
      tty: current.config.tty,
      openStdin: current.config.openStdin,
      stdinOnce: current.config.stdinOnce,
    },
    hostConfig: {
      portBindings,
      ...deriveStorage(current, overlay.volumes, notes),
      restartPolicy: restartPolicyOf(current, overlay.restartPolicy),
      networkMode: current.hostConfig.networkMode,
      links: current.hostConfig.links.map(rewriteLink),
      rest: cleanRest(current.hostConfig.rest),
    },
    networks: deriveNetworks(current, notes),
  };

  const dataMountProblem = specKeepsDataMount(current, spec);
  if (dataMountProblem !== undefined) throw new UpdaterError('DOCKER_ERROR', dataMountProblem);
  // Nothing in the spec may share an array or object with the snapshot it was read from.
  return { spec: structuredClone(spec), notes };
}

function restartPolicyOf(current: ContainerSnapshot, overlay: string | undefined): RestartPolicy {
  if (overlay === undefined) return { ...current.hostConfig.restartPolicy };

  const policy = parseRestartPolicy(overlay);
  if (policy === undefined) {
    throw new UpdaterError(
      'MANIFEST_INVALID_JSON',
      `The manifest restart policy "${overlay}" is not no, always, unless-stopped or on-failure[:N].`,
    );
  }
  return policy;
}

function cleanRest(rest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept = Object.entries(rest).filter(
    ([key, value]) => !typedHostConfigKeys.has(key) && value !== null && value !== undefined,
  );
  return Object.fromEntries(kept);
}
