import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import { GenericContainer } from 'testcontainers';
import { freePort, repoRoot } from './daemon-process.js';

export const dummyRepo = 'payram-updater-it/payram-dummy';

const dataDummyDir = join(repoRoot, 'data-dummy');
const dataMount = '/var/lib/payram/db/postgres';
const docker = new Docker();

export type DummyWait = 'health' | 'root' | 'none';

export interface StartDummyOptions {
  image: string;
  name: string;
  dataDir: string;
  password?: string;
  env?: Record<string, string>;
  hostPort?: number;
  waitFor?: DummyWait;
  waitTimeoutMs?: number;
}

export interface StartedDummy {
  name: string;
  id: string;
  hostPort: number;
  baseUrl: string;
  dataDir: string;
  password: string;
  /** Removes the container, and whatever an upgrade left running under its name; keeps dataDir. */
  stop(): Promise<void>;
}

export interface ExecResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Builds `${dummyRepo}:${version}`; a behaviour baked in breaks that whole version. */
export async function buildDummyImage(version: string, behaviour = ''): Promise<string> {
  const image = `${dummyRepo}:${version}`;
  await GenericContainer.fromDockerfile(dataDummyDir)
    .withBuildArgs({ VERSION: version, DUMMY_BEHAVIOUR: behaviour })
    .build(image, { deleteOnExit: false });
  return image;
}

export async function removeDummyImages(): Promise<void> {
  const images = await docker.listImages({ filters: { reference: [dummyRepo] } });
  for (const image of images) {
    await docker.getImage(image.Id).remove({ force: true }).catch(ignoreStatus(404));
  }
}

/** Runs the dummy as Payram's installer runs Payram (`docker run -d --restart unless-stopped …`). */
export async function startDummy(options: StartDummyOptions): Promise<StartedDummy> {
  const password = options.password ?? randomBytes(12).toString('hex');
  const hostPort = options.hostPort ?? (await freePort());
  const container = await docker.createContainer(installerSpec(options, password, hostPort));
  const dummy: StartedDummy = {
    name: options.name,
    id: container.id,
    hostPort,
    baseUrl: `http://127.0.0.1:${hostPort}`,
    dataDir: options.dataDir,
    password,
    stop: () => removeDummy(container.id, options.name),
  };
  try {
    await container.start();
    await waitUntilReady(dummy.baseUrl, options.waitFor ?? 'health', options.waitTimeoutMs);
  } catch (err) {
    const logs = await containerLogs(container.id).catch(() => '(no logs)');
    await dummy.stop();
    throw new Error(`${options.name} did not start: ${String(err)}\n${logs}`, { cause: err });
  }
  return dummy;
}

export async function waitForHttp(
  url: string,
  predicate: (status: number, body: string) => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body = await response.text();
      if (predicate(response.status, body)) return;
      last = `${response.status} ${body.slice(0, 200)}`;
    } catch (err) {
      last = String(err);
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms (last: ${last})`);
}

/** `docker exec` through the Engine API, as the updater's backup will do it. */
export async function execIn(containerId: string, cmd: string[]): Promise<ExecResult> {
  const exec = await docker
    .getContainer(containerId)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode, ...demultiplex(Buffer.concat(chunks)) };
}

export async function containerLogs(containerId: string): Promise<string> {
  const raw = await docker
    .getContainer(containerId)
    .logs({ stdout: true, stderr: true, follow: false, tail: 200 });
  const { stdout, stderr } = demultiplex(raw);
  return stdout + stderr;
}

function installerSpec(options: StartDummyOptions, password: string, hostPort: number) {
  const env = {
    POSTGRES_HOST: 'localhost',
    POSTGRES_PORT: '5432',
    POSTGRES_DB: 'payram',
    POSTGRES_USER: 'payram',
    POSTGRES_PASSWORD: password,
    POSTGRES_SSLMODE: 'disable',
    ...options.env,
  };
  return {
    name: options.name,
    Image: options.image,
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: {
      PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] },
      Binds: [`${options.dataDir}:${dataMount}`],
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
    },
  };
}

async function waitUntilReady(baseUrl: string, waitFor: DummyWait, timeoutMs?: number) {
  if (waitFor === 'health') {
    const healthy = (status: number, body: string) =>
      status === 200 && body.includes('"status":"ok"');
    await waitForHttp(`${baseUrl}/api/v1/health`, healthy, timeoutMs ?? 90_000);
  } else if (waitFor === 'root') {
    const welcome = (status: number, body: string) => status === 200 && body.includes('Welcome');
    await waitForHttp(`${baseUrl}/`, welcome, timeoutMs ?? 60_000);
  }
}

async function removeDummy(id: string, name: string): Promise<void> {
  await removeContainer(id);
  const sameName = await docker.listContainers({ all: true, filters: { name: [`^/${name}$`] } });
  for (const container of sameName) await removeContainer(container.Id);
}

// A graceful stop first: PostgreSQL then shuts down cleanly, as it would in production.
async function removeContainer(id: string): Promise<void> {
  const container = docker.getContainer(id);
  await container.stop({ t: 20 }).catch(ignoreStatus(304, 404));
  await container.remove({ force: true, v: true }).catch(ignoreStatus(404));
}

function ignoreStatus(...codes: number[]) {
  return (err: unknown) => {
    const status = (err as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && codes.includes(status)) return;
    throw err;
  };
}

// The Engine multiplexes a container's stdout and stderr into 8-byte-headed frames when it has
// no TTY: byte 0 names the stream, bytes 4-7 give the payload length.
function demultiplex(raw: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  for (let offset = 0; offset + 8 <= raw.length;) {
    const size = raw.readUInt32BE(offset + 4);
    const payload = raw.subarray(offset + 8, offset + 8 + size);
    (raw[offset] === 2 ? err : out).push(payload);
    offset += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
