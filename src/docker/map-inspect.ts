import type Docker from 'dockerode';
import type {
  ContainerConfig,
  ContainerSnapshot,
  HealthState,
  Healthcheck,
  HostConfigSnapshot,
  ImageSnapshot,
  MountPoint,
  MountSpec,
  NetworkEndpoint,
  PortBinding,
  ProcessConfig,
} from '../container/container-snapshot.js';

// The engine sends null where dockerode's types promise arrays and objects, and fields the types
// do not name (StopSignal, StopTimeout, DriverOpts); these shapes say what really arrives.
type Maybe<T> = T | null | undefined;

interface RawProcessConfig {
  Env?: Maybe<string[]>;
  Labels?: Maybe<Record<string, string>>;
  Cmd?: Maybe<string[]>;
  Entrypoint?: Maybe<string | string[]>;
  WorkingDir?: Maybe<string>;
  User?: Maybe<string>;
  ExposedPorts?: Maybe<Record<string, unknown>>;
  Volumes?: Maybe<Record<string, unknown>>;
  Healthcheck?: Maybe<Docker.HealthConfig>;
  StopSignal?: Maybe<string>;
}

interface RawContainerConfig extends RawProcessConfig {
  Hostname?: Maybe<string>;
  Domainname?: Maybe<string>;
  Tty?: Maybe<boolean>;
  OpenStdin?: Maybe<boolean>;
  StdinOnce?: Maybe<boolean>;
  StopTimeout?: Maybe<number>;
}

type RawPorts = Maybe<
  Record<string, Maybe<Array<{ HostIp?: Maybe<string>; HostPort?: Maybe<string> }>>>
>;

interface RawMount {
  Type: string;
  Source?: Maybe<string>;
  Target: string;
  ReadOnly?: Maybe<boolean>;
}

interface RawHostConfig {
  Binds?: Maybe<string[]>;
  Mounts?: Maybe<RawMount[]>;
  PortBindings?: RawPorts;
  RestartPolicy?: Maybe<{ Name?: Maybe<string>; MaximumRetryCount?: Maybe<number> }>;
  NetworkMode?: Maybe<string>;
  Links?: Maybe<string[]>;
}

interface RawEndpoint {
  IPAMConfig?: Maybe<{ IPv4Address?: Maybe<string>; IPv6Address?: Maybe<string> }>;
  Aliases?: Maybe<string[]>;
  Links?: Maybe<string[]>;
  DriverOpts?: Maybe<Record<string, string>>;
}

const typedHostConfigKeys = new Set([
  'Binds',
  'Mounts',
  'PortBindings',
  'RestartPolicy',
  'NetworkMode',
  'Links',
]);

export function toContainerSnapshot(info: Docker.ContainerInspectInfo): ContainerSnapshot {
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    imageRef: info.Config.Image,
    imageId: info.Image,
    running: info.State.Running,
    status: info.State.Status,
    health: healthOf(info.State.Health?.Status),
    config: containerConfig(info.Config),
    hostConfig: hostConfig(info.HostConfig),
    mounts: info.Mounts.map(mountPoint),
    networks: Object.entries(orEmpty(info.NetworkSettings.Networks)).map(([name, endpoint]) =>
      networkEndpoint(name, endpoint),
    ),
    publishedPorts: portBindings(info.NetworkSettings.Ports),
  };
}

export function toImageSnapshot(info: Docker.ImageInspectInfo): ImageSnapshot {
  return {
    id: info.Id,
    repoTags: listOf(info.RepoTags),
    config: processConfig(orEmpty<RawProcessConfig>(info.Config)),
  };
}

function healthOf(status: string | undefined): HealthState {
  return status === 'starting' || status === 'healthy' || status === 'unhealthy' ? status : 'none';
}

function processConfig(raw: RawProcessConfig): ProcessConfig {
  return {
    env: raw.Env ?? [],
    labels: raw.Labels ?? {},
    cmd: raw.Cmd ?? undefined,
    entrypoint:
      typeof raw.Entrypoint === 'string' ? [raw.Entrypoint] : (raw.Entrypoint ?? undefined),
    workingDir: raw.WorkingDir ?? '',
    user: raw.User ?? '',
    exposedPorts: Object.keys(orEmpty(raw.ExposedPorts)),
    volumes: Object.keys(orEmpty(raw.Volumes)),
    healthcheck: raw.Healthcheck ? healthcheck(raw.Healthcheck) : undefined,
    stopSignal: raw.StopSignal || undefined,
  };
}

function containerConfig(raw: RawContainerConfig): ContainerConfig {
  return {
    ...processConfig(raw),
    hostname: raw.Hostname ?? '',
    domainname: raw.Domainname ?? '',
    tty: raw.Tty ?? false,
    openStdin: raw.OpenStdin ?? false,
    stdinOnce: raw.StdinOnce ?? false,
    stopTimeout: raw.StopTimeout ?? undefined,
  };
}

function healthcheck(raw: Docker.HealthConfig): Healthcheck {
  return {
    test: raw.Test ?? [],
    ...(raw.Interval == null ? {} : { intervalNs: raw.Interval }),
    ...(raw.Timeout == null ? {} : { timeoutNs: raw.Timeout }),
    ...(raw.Retries == null ? {} : { retries: raw.Retries }),
    ...(raw.StartPeriod == null ? {} : { startPeriodNs: raw.StartPeriod }),
  };
}

function hostConfig(raw: RawHostConfig): HostConfigSnapshot {
  const rest = Object.entries(raw).filter(
    ([key, value]) => !typedHostConfigKeys.has(key) && value !== null && value !== undefined,
  );
  return {
    portBindings: portBindings(raw.PortBindings),
    binds: listOf(raw.Binds),
    mounts: listOf(raw.Mounts).map(mountSpec),
    restartPolicy: {
      name: raw.RestartPolicy?.Name || 'no',
      maximumRetryCount: raw.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    networkMode: raw.NetworkMode || 'default',
    links: listOf(raw.Links),
    rest: Object.fromEntries(rest),
  };
}

function portBindings(raw: RawPorts): PortBinding[] {
  return Object.entries(orEmpty(raw)).flatMap(([containerPort, bindings]) =>
    (bindings ?? []).map((b) => ({
      containerPort,
      hostIp: b.HostIp ?? '',
      hostPort: b.HostPort ?? '',
    })),
  );
}

const typedMountKeys = new Set(['Type', 'Source', 'Target', 'ReadOnly']);

function mountSpec(raw: RawMount): MountSpec {
  const options = Object.entries(raw).filter(
    ([key, value]) => !typedMountKeys.has(key) && value !== null && value !== undefined,
  );
  return {
    type: raw.Type,
    source: raw.Source ?? '',
    target: raw.Target,
    readOnly: raw.ReadOnly ?? false,
    options: Object.fromEntries(options),
  };
}

function mountPoint(raw: Docker.ContainerInspectInfo['Mounts'][number]): MountPoint {
  const { Type } = raw;
  return {
    type: Type === 'bind' || Type === 'volume' || Type === 'tmpfs' ? Type : 'other',
    name: raw.Name || undefined,
    source: raw.Source,
    destination: raw.Destination,
    readWrite: raw.RW,
    propagation: raw.Propagation,
    driver: raw.Driver || undefined,
    mode: raw.Mode,
  };
}

function networkEndpoint(network: string, raw: RawEndpoint): NetworkEndpoint {
  return {
    network,
    aliases: raw.Aliases ?? [],
    ipv4Address: raw.IPAMConfig?.IPv4Address || undefined,
    ipv6Address: raw.IPAMConfig?.IPv6Address || undefined,
    links: raw.Links ?? [],
    driverOpts: raw.DriverOpts ?? undefined,
  };
}

function listOf<T>(value: Maybe<T[]>): T[] {
  return value ?? [];
}

function orEmpty<T extends object>(value: Maybe<T>): T | Record<string, never> {
  return value ?? {};
}
