import type Docker from 'dockerode';
import type { Healthcheck, MountSpec, NetworkEndpoint } from '../container/container-snapshot.js';
import type { ContainerSpec } from '../container/container-spec.js';

export interface CreateRequest {
  options: Docker.ContainerCreateOptions;
  /** Networks to connect after create: API 1.41 accepts a single endpoint at create time. */
  connect: Array<{ network: string; endpoint: Docker.EndpointSettings }>;
}

export function toCreateOptions(spec: ContainerSpec): CreateRequest {
  const [primary, ...others] = spec.networks;
  const options: Docker.ContainerCreateOptions = {
    name: spec.name,
    Image: spec.image,
    ...processOptions(spec.config),
    HostConfig: hostConfig(spec.hostConfig),
    ...(primary === undefined
      ? {}
      : { NetworkingConfig: { EndpointsConfig: { [primary.network]: endpoint(primary) } } }),
  };
  return {
    options,
    connect: others.map((n) => ({ network: n.network, endpoint: endpoint(n) })),
  };
}

function processOptions(config: ContainerSpec['config']): Docker.ContainerCreateOptions {
  return {
    Env: [...config.env],
    Labels: { ...config.labels },
    ...defined('Cmd', config.cmd),
    ...defined('Entrypoint', config.entrypoint),
    ...defined('WorkingDir', config.workingDir),
    ...defined('User', config.user),
    ...defined('Hostname', config.hostname),
    ...defined('Domainname', config.domainname),
    ...defined('Healthcheck', config.healthcheck && healthConfig(config.healthcheck)),
    ...defined('StopSignal', config.stopSignal),
    ...defined('StopTimeout', config.stopTimeout),
    ExposedPorts: Object.fromEntries(config.exposedPorts.map((port) => [port, {}])),
    Tty: config.tty,
    OpenStdin: config.openStdin,
    StdinOnce: config.stdinOnce,
  };
}

function hostConfig(host: ContainerSpec['hostConfig']): Docker.HostConfig {
  const portBindings: Record<string, Docker.PortBinding[]> = {};
  for (const { containerPort, hostIp, hostPort } of host.portBindings) {
    (portBindings[containerPort] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
  }
  return {
    ...structuredClone(host.rest),
    Binds: [...host.binds],
    Mounts: host.mounts.map(mountSettings),
    PortBindings: portBindings,
    RestartPolicy: {
      Name: host.restartPolicy.name,
      MaximumRetryCount: host.restartPolicy.maximumRetryCount,
    },
    NetworkMode: host.networkMode,
    Links: [...host.links],
  };
}

function mountSettings(mount: MountSpec): Docker.MountSettings {
  // The options (BindOptions, VolumeOptions, TmpfsOptions, Consistency) are the engine's own
  // JSON, captured by map-inspect and sent back unchanged.
  return {
    ...(structuredClone(mount.options) as Partial<Docker.MountSettings>),
    Type: mount.type as Docker.MountType,
    Source: mount.source,
    Target: mount.target,
    ReadOnly: mount.readOnly,
  };
}

function healthConfig(check: Healthcheck): Docker.HealthConfig {
  return {
    Test: [...check.test],
    ...defined('Interval', check.intervalNs),
    ...defined('Timeout', check.timeoutNs),
    ...defined('Retries', check.retries),
    ...defined('StartPeriod', check.startPeriodNs),
  };
}

function endpoint(network: NetworkEndpoint): Docker.EndpointSettings {
  const ipam = {
    ...defined('IPv4Address', network.ipv4Address),
    ...defined('IPv6Address', network.ipv6Address),
  };
  return {
    Aliases: [...network.aliases],
    ...(Object.keys(ipam).length === 0 ? {} : { IPAMConfig: ipam }),
    Links: [...network.links],
    ...defined('DriverOpts', network.driverOpts && { ...network.driverOpts }),
  };
}

/** `{ [key]: value }` when the value is set, `{}` otherwise: the engine's default applies. */
function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
