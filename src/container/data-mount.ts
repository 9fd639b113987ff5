import { bindSourceKind, cleanPath, isReadOnlyBind, parseBind } from './bind-entry.js';
import type { ContainerSnapshot, MountPoint } from './container-snapshot.js';
import type { ContainerSpec } from './container-spec.js';

/** Where Payram's embedded PostgreSQL keeps its data: the one mount that must never change. */
export const payramDataPath = '/var/lib/payram/db/postgres';

/** A mount reduced to what decides whether the database files are the same ones. */
interface DataSource {
  kind: string;
  /** The host path of a bind, the name of a volume. */
  source: string;
  readOnly: boolean;
}

export function findDataMount(mounts: readonly MountPoint[]): MountPoint | undefined {
  return mounts.find((m) => cleanPath(m.destination) === payramDataPath);
}

export function specKeepsDataMount(
  current: ContainerSnapshot,
  spec: ContainerSpec,
): string | undefined {
  const before = findDataMount(current.mounts);
  if (before === undefined) return undefined;

  const planned = plannedDataSources(spec);
  if (planned.length > 1) {
    return `The new container would mount ${payramDataPath} ${planned.length} times; it must mount ${describe(fromMountPoint(before))} there once.`;
  }
  return compareSources(fromMountPoint(before), planned[0], 'The new container');
}

export function checkDataMountPreserved(
  before: ContainerSnapshot,
  after: ContainerSnapshot,
): string | undefined {
  const old = findDataMount(before.mounts);
  if (old === undefined) return undefined;

  const now = findDataMount(after.mounts);
  return compareSources(
    fromMountPoint(old),
    now === undefined ? undefined : fromMountPoint(now),
    `The container ${after.name}`,
  );
}

function compareSources(
  before: DataSource,
  after: DataSource | undefined,
  subject: string,
): string | undefined {
  const expected = describe(before);
  if (after === undefined) {
    return `${subject} does not mount ${payramDataPath}; the database lives in ${expected}.`;
  }
  if (after.kind !== before.kind || after.source !== before.source) {
    return `${subject} mounts ${describe(after)} at ${payramDataPath} instead of ${expected}.`;
  }
  if (after.readOnly === before.readOnly) return undefined;
  return after.readOnly
    ? `${subject} mounts ${expected} read-only at ${payramDataPath}; PostgreSQL needs to write there.`
    : `${subject} mounts ${expected} read-write at ${payramDataPath}, where it was read-only.`;
}

function plannedDataSources(spec: ContainerSpec): DataSource[] {
  const fromBinds = spec.hostConfig.binds
    .map(parseBind)
    .filter((entry) => cleanPath(entry.destination) === payramDataPath)
    .map((entry) => ({
      kind: bindSourceKind(entry.source),
      source: cleanSource(entry.source),
      readOnly: isReadOnlyBind(entry),
    }));
  const fromMounts = spec.hostConfig.mounts
    .filter((m) => cleanPath(m.target) === payramDataPath)
    .map((m) => ({ kind: m.type, source: cleanSource(m.source), readOnly: m.readOnly }));
  return [...fromBinds, ...fromMounts];
}

function fromMountPoint(mount: MountPoint): DataSource {
  const source = mount.type === 'volume' ? (mount.name ?? mount.source) : mount.source;
  return { kind: mount.type, source: cleanSource(source), readOnly: !mount.readWrite };
}

function cleanSource(source: string): string {
  return source.startsWith('/') ? cleanPath(source) : source;
}

function describe(source: DataSource): string {
  if (source.kind === 'volume') return `the volume ${source.source}`;
  return source.kind === 'bind' ? `the host path ${source.source}` : `a ${source.kind} mount`;
}
