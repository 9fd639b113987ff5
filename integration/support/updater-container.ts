import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Docker from 'dockerode';
import { containerLogs, execIn, waitForHttp, type ExecResult } from './data-dummy.js';

const docker = new Docker();

export interface UpdaterContainerOptions {
  image: string;
  name: string;
  port: number;
  /** Holds state/, logs/ and etc/ (mounted at /var/lib/payram, /var/log/payram, /etc/payram). */
  hostDir: string;
  /** Written to /etc/payram/updater.env, where the daemon and the CLI in the image read it. */
  settings: Record<string, string>;
}

export interface StartedUpdater {
  id: string;
  name: string;
  baseUrl: string;
  /** The CLI inside the container, as `docker exec <name> payram-updater …`. */
  cli(args: string[]): Promise<ExecResult>;
  logs(): Promise<string>;
  remove(): Promise<void>;
}

/**
 * Creates, without starting, the updater's container as compose.yaml and the systemd unit run
 * it: host network, the socket, state, logs and the env file mounted.
 */
export async function createUpdaterContainer(
  options: UpdaterContainerOptions,
): Promise<Docker.Container> {
  const dirs = await writeUpdaterEnv(options.hostDir, options.port, options.settings);
  return docker.createContainer({
    name: options.name,
    Image: options.image,
    HostConfig: {
      NetworkMode: 'host',
      Binds: [
        '/var/run/docker.sock:/var/run/docker.sock',
        `${dirs.state}:/var/lib/payram`,
        `${dirs.logs}:/var/log/payram`,
        `${dirs.etc}:/etc/payram:ro`,
      ],
    },
  });
}

/** Creates and starts the updater's container, then waits until it answers /health. */
export async function startUpdaterContainer(
  options: UpdaterContainerOptions,
): Promise<StartedUpdater> {
  const container = await createUpdaterContainer(options);
  const started: StartedUpdater = {
    id: container.id,
    name: options.name,
    baseUrl: `http://127.0.0.1:${options.port}`,
    cli: (args) => execIn(container.id, ['payram-updater', ...args]),
    logs: () => containerLogs(container.id),
    remove: () => container.remove({ force: true, v: true }).then(() => undefined),
  };
  await container.start();
  try {
    await waitForHttp(`${started.baseUrl}/health`, (status) => status === 200, 30_000);
  } catch (err) {
    throw new Error(`updater did not answer: ${String(err)}\n${await started.logs()}`, {
      cause: err,
    });
  }
  return started;
}

/** The host side of the updater's mounts, with etc/updater.env holding its settings. */
export async function writeUpdaterEnv(
  hostDir: string,
  port: number,
  settings: Record<string, string>,
): Promise<{ state: string; logs: string; etc: string }> {
  const dirs = {
    state: join(hostDir, 'state'),
    logs: join(hostDir, 'logs'),
    etc: join(hostDir, 'etc'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  const text = Object.entries({ ...settings, UPDATER_PORT: String(port) })
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
  await writeFile(join(dirs.etc, 'updater.env'), text, { mode: 0o600 });
  return dirs;
}

export async function dockerHealth(id: string): Promise<string | undefined> {
  const info = await docker.getContainer(id).inspect();
  return info.State.Health?.Status;
}
