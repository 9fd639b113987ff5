// The updater's image run as a container on the host network, as the updater itself or as the
// bare koa baseline, with what a benchmark reads from it: health, process memory, logs.
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { freePort } from '../integration/support/daemon-process.js';
import { containerLogs } from '../integration/support/data-dummy.js';
import { execOutput } from '../integration/support/upgrade-harness.js';
import { createUpdaterContainer, dockerHealth } from '../integration/support/updater-container.js';

export interface BenchContainer {
  name: string;
  url: string;
  /** performance.now() right before the engine was asked to start the container. */
  startedAt: number;
  healthStatus(): Promise<string | undefined>;
  mainProcess(): Promise<ProcessMemory>;
  logs(): Promise<string>;
}

/** Resident memory of PID 1 in kB: all of it, and its anonymous and file-backed parts. */
export interface ProcessMemory {
  name: string;
  rssKb: number;
  anonKb: number;
  fileKb: number;
}

const docker = new Docker();
const bareApp = fileURLToPath(new URL('./bare-koa.mjs', import.meta.url));

/** The updater in dry-run, mounted and configured (env file) as the integration tests run it. */
export async function startUpdater(
  image: string,
  name: string,
  hostDir: string,
): Promise<BenchContainer> {
  const port = await freePort();
  const settings = {
    POLICY_URL: '/app/data/upgrade-policy.json',
    RUNTIME_MANIFEST_URL: '/app/data/runtime-manifest.json',
    EXECUTION_MODE: 'dry-run',
    UPDATER_BIND: '127.0.0.1',
  };
  return launch(await createUpdaterContainer({ image, name, port, hostDir, settings }), name, port);
}

/** The bare koa app answering `body` on GET /upgrade/status, from the same image. */
export async function startBareKoa(
  image: string,
  name: string,
  body: string,
): Promise<BenchContainer> {
  const port = await freePort();
  const container = await docker.createContainer({
    name,
    Image: image,
    Entrypoint: ['node'],
    Cmd: ['/app/bench-bare-koa.mjs'],
    // Node's defaults: the image's memory setting for the updater is not given to the baseline.
    Env: [`BARE_BODY=${body}`, 'NODE_OPTIONS=', `UPDATER_PORT=${port}`, 'UPDATER_BIND=127.0.0.1'],
    HostConfig: { NetworkMode: 'host', Binds: [`${bareApp}:/app/bench-bare-koa.mjs:ro`] },
  });
  return launch(container, name, port);
}

async function launch(
  container: Docker.Container,
  name: string,
  port: number,
): Promise<BenchContainer> {
  const startedAt = performance.now();
  await container.start();
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    startedAt,
    healthStatus: () => dockerHealth(container.id),
    mainProcess: () => readMainProcess(container.id),
    logs: () => containerLogs(container.id),
  };
}

/** PID 1 is node itself (exec-form entrypoint, `env node` replaces itself), not a shell. */
async function readMainProcess(container: string): Promise<ProcessMemory> {
  const status = await execOutput(container, ['cat', '/proc/1/status']);
  const field = (key: string) => new RegExp(`^${key}:\\s+(\\S+)`, 'm').exec(status)?.[1];
  const [name, rss, anon, file] = ['Name', 'VmRSS', 'RssAnon', 'RssFile'].map(field);
  if (name === undefined || rss === undefined || anon === undefined || file === undefined) {
    throw new Error(`unreadable status:\n${status}`);
  }
  return { name, rssKb: Number(rss), anonKb: Number(anon), fileKb: Number(file) };
}

/** Milliseconds from start until Docker reports the image's HEALTHCHECK as passed. */
export async function msUntilHealthy(
  container: BenchContainer,
  timeoutMs: number,
): Promise<number> {
  while (performance.now() < container.startedAt + timeoutMs) {
    const status = await container.healthStatus();
    if (status === 'healthy') return performance.now() - container.startedAt;
    if (status === 'unhealthy') throw new Error(`${container.name} became unhealthy`);
    await sleep(50);
  }
  throw new Error(`${container.name} not healthy within ${timeoutMs} ms`);
}
