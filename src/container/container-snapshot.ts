/**
 * A container and an image as the updater sees them, whatever the engine's JSON looks like.
 * docker/map-inspect.ts is the only place that translates the engine's shapes into these.
 */

export type HealthState = 'none' | 'starting' | 'healthy' | 'unhealthy';

export interface Healthcheck {
  /** As Docker has it: `["NONE"]` disables, `["CMD", …]` / `["CMD-SHELL", "…"]` run something. */
  test: string[];
  intervalNs?: number;
  timeoutNs?: number;
  retries?: number;
  startPeriodNs?: number;
}

/** A published port: `containerPort` as `8080/tcp`; an empty hostIp means every address. */
export interface PortBinding {
  containerPort: string;
  hostIp: string;
  hostPort: string;
}

/** What is mounted in a running container (inspect's `Mounts`). */
export interface MountPoint {
  type: 'bind' | 'volume' | 'tmpfs' | 'other';
  /** The volume name for volumes (a 64-hex name for anonymous ones). */
  name: string | undefined;
  source: string;
  destination: string;
  readWrite: boolean;
  propagation: string;
  driver: string | undefined;
  mode: string;
}

/** A `--mount` as the user gave it (HostConfig.Mounts). */
export interface MountSpec {
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
  /** BindOptions, VolumeOptions, TmpfsOptions, Consistency: re-sent as they were. */
  options: Record<string, unknown>;
}

export interface NetworkEndpoint {
  network: string;
  aliases: string[];
  /** Static addresses the user asked for (IPAMConfig), never the runtime ones. */
  ipv4Address: string | undefined;
  ipv6Address: string | undefined;
  links: string[];
  driverOpts: Record<string, string> | undefined;
}

/** The parts of a configuration that a container and its image both have. */
export interface ProcessConfig {
  env: string[];
  labels: Record<string, string>;
  cmd: string[] | undefined;
  entrypoint: string[] | undefined;
  workingDir: string;
  user: string;
  exposedPorts: string[];
  /** Anonymous volume mount points declared by `VOLUME` or `-v /path`. */
  volumes: string[];
  healthcheck: Healthcheck | undefined;
  stopSignal: string | undefined;
}

export interface ContainerConfig extends ProcessConfig {
  hostname: string;
  domainname: string;
  tty: boolean;
  openStdin: boolean;
  stdinOnce: boolean;
  stopTimeout: number | undefined;
}

export interface HostConfigSnapshot {
  portBindings: PortBinding[];
  /** `-v` entries: `source:destination[:options]`, source a host path or a volume name. */
  binds: string[];
  mounts: MountSpec[];
  restartPolicy: RestartPolicy;
  networkMode: string;
  links: string[];
  /**
   * Every other HostConfig field as the engine reported it (resources, devices, capabilities,
   * log config, DNS, extra hosts, security options, …): re-sent whole, as the field notes say.
   */
  rest: Record<string, unknown>;
}

export interface RestartPolicy {
  name: string;
  maximumRetryCount: number;
}

export interface ContainerSnapshot {
  id: string;
  name: string;
  /** The image reference the container was created from (`Config.Image`). */
  imageRef: string;
  imageId: string;
  running: boolean;
  status: string;
  health: HealthState;
  config: ContainerConfig;
  hostConfig: HostConfigSnapshot;
  mounts: MountPoint[];
  networks: NetworkEndpoint[];
  /** Ports as the engine assigned them at run time (NetworkSettings.Ports). */
  publishedPorts: PortBinding[];
}

export interface ImageSnapshot {
  id: string;
  repoTags: string[];
  config: ProcessConfig;
}
