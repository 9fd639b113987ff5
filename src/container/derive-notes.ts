import { maskValue } from './mask-spec.js';

// The sentences deriveSpec adds to its notes, for the plan, the job log and the dry-run output.

export function missingImageNote(imageId: string): string {
  return `The old image ${imageId} is no longer in the engine, so its defaults could not be told apart from settings made for the container: every env entry, label (except org.opencontainers.image.* ones the new image sets), command, entrypoint, working dir, user, stop signal and healthcheck of the container is re-sent.`;
}

export function changedDefaultNote(
  kind: 'env' | 'label',
  key: string,
  previous: string,
  next: string | undefined,
): string {
  const now =
    next === undefined ? 'the new image does not set it' : `now "${maskValue(key, next)}"`;
  return `${kind} ${key}: the container had the old image's default "${maskValue(key, previous)}", so the new image's default applies (${now}); set it in the manifest if it was chosen on purpose.`;
}

export const composeLabelsNote =
  'Compose labels are kept: the next `docker compose up` of this project will recreate the container again, because their config hash describes the compose file, not the image.';

export function sharedNetworkPortsNote(networkMode: string): string {
  return `The container shares the network of ${networkMode.slice('container:'.length)}, which publishes the ports: the configured ports are not applied.`;
}

export function pinnedPortNote(containerPort: string, hostPort: string): string {
  return `Port ${containerPort} was published on a host port the engine chose; it is pinned to ${hostPort} so its address stays the same.`;
}

export function unassignedPortNote(containerPort: string): string {
  return `Port ${containerPort} is published on a host port the engine chooses, and none is assigned now: the new container gets a new one.`;
}

export function reattachedVolumeNote(destination: string, name: string): string {
  return `The volume at ${destination} is re-attached by name (${name}) to keep its data.`;
}

export function skippedVolumeNote(volume: string, destination: string, holder: string): string {
  return `The manifest volume ${volume} is not applied: ${destination} already holds ${holder}, which is kept.`;
}

export function staticAddressNote(network: string, addresses: readonly string[]): string {
  return `Network ${network}: the static address ${addresses.join(' and ')} is held by the old container until it is disconnected from ${network}.`;
}
