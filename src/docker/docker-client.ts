// First: it must stand in for dockerode's unused libraries before dockerode loads them.
import './defer-unused-modules.js';
import Docker from 'dockerode';

/** DOCKER_HOST as operators write it: a socket path, `unix://…`, or `tcp://host:port`. */
export function createDockerClient(dockerHost: string): Docker {
  if (dockerHost.startsWith('tcp://') || dockerHost.startsWith('http://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return new Docker({ host: url.hostname, port: Number(url.port || 2375) });
  }
  return new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') });
}
