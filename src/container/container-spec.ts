import type {
  Healthcheck,
  MountSpec,
  NetworkEndpoint,
  PortBinding,
  RestartPolicy,
} from './container-snapshot.js';

/**
 * Everything needed to create the new container. Optional process fields left undefined
 * mean "the new image's default", which is how defaults of the old image are dropped.
 */
export interface ContainerSpec {
  name: string;
  image: string;
  config: {
    env: string[];
    labels: Record<string, string>;
    cmd: string[] | undefined;
    entrypoint: string[] | undefined;
    workingDir: string | undefined;
    user: string | undefined;
    hostname: string | undefined;
    domainname: string | undefined;
    exposedPorts: string[];
    healthcheck: Healthcheck | undefined;
    stopSignal: string | undefined;
    stopTimeout: number | undefined;
    tty: boolean;
    openStdin: boolean;
    stdinOnce: boolean;
  };
  hostConfig: {
    portBindings: PortBinding[];
    binds: string[];
    mounts: MountSpec[];
    restartPolicy: RestartPolicy;
    networkMode: string;
    links: string[];
    rest: Record<string, unknown>;
  };
  /** The first one is attached at create time; the others are connected before start. */
  networks: NetworkEndpoint[];
}
