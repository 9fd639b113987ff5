import { UpdaterError } from '../shared/updater-error.js';
import { bindSourceKind, cleanPath, parseBind } from './bind-entry.js';
import type { ContainerSnapshot, MountPoint, MountSpec } from './container-snapshot.js';
import { payramDataPath } from './data-mount.js';
import { reattachedVolumeNote, skippedVolumeNote } from './derive-notes.js';

export interface DerivedStorage {
  binds: string[];
  mounts: MountSpec[];
}

/**
 * The container's binds and mounts as they are, the manifest's volumes where nothing is mounted
 * yet, and anonymous volumes re-attached by name so their data carries over.
 */
export function deriveStorage(
  current: ContainerSnapshot,
  overlayVolumes: readonly string[] | undefined,
  notes: string[],
): DerivedStorage {
  const binds = [...current.hostConfig.binds];
  const mounts = current.hostConfig.mounts.map((m) => ({ ...m, options: { ...m.options } }));

  binds.push(...overlayBinds(current, overlayVolumes ?? [], notes));

  const covered = new Set([
    ...binds.map((b) => cleanPath(parseBind(b).destination)),
    ...mounts.map((m) => cleanPath(m.target)),
  ]);
  for (const mount of current.mounts) {
    if (mount.type !== 'volume' || covered.has(cleanPath(mount.destination))) continue;
    mounts.push(reattach(mount, notes));
  }
  return { binds, mounts };
}

// The container's own mount wins: above all, the database's mount is never replaced.
function overlayBinds(
  current: ContainerSnapshot,
  volumes: readonly string[],
  notes: string[],
): string[] {
  const added = new Map<string, string>();
  for (const volume of volumes) {
    const destination = cleanPath(parseBind(volume).destination);
    if (!destination.startsWith('/')) {
      throw new UpdaterError(
        'MANIFEST_INVALID_JSON',
        `The manifest volume "${volume}" is not source:destination with an absolute destination.`,
      );
    }
    const existing = mountedAt(current, destination);
    if (existing === undefined) {
      if (!added.has(destination)) added.set(destination, volume);
    } else if (identityOf(existing) !== overlayIdentity(volume)) {
      notes.push(skippedVolumeNote(volume, existing.destination, holderOf(existing)));
    }
  }
  return [...added.values()];
}

function mountedAt(current: ContainerSnapshot, destination: string): MountPoint | undefined {
  return current.mounts.find((m) => cleanPath(m.destination) === cleanPath(destination));
}

function reattach(mount: MountPoint, notes: string[]): MountSpec {
  const name = mount.name ?? mount.source;
  notes.push(reattachedVolumeNote(mount.destination, name));
  return {
    type: 'volume',
    source: name,
    target: mount.destination,
    readOnly: !mount.readWrite,
    options: {},
  };
}

function identityOf(mount: MountPoint): string {
  return mount.type === 'volume' ? (mount.name ?? mount.source) : cleanPath(mount.source);
}

function overlayIdentity(volume: string): string {
  const { source } = parseBind(volume);
  return bindSourceKind(source) === 'bind' ? cleanPath(source) : source;
}

function holderOf(existing: MountPoint): string {
  const owner =
    cleanPath(existing.destination) === payramDataPath ? 'the Payram database' : 'the container';
  return `${owner}'s mount of ${identityOf(existing)}`;
}
