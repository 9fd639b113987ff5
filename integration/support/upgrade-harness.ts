import { join } from 'node:path';
import Docker from 'dockerode';
import { getJson, postJson, repoRoot, startDaemon, type DaemonProcess } from './daemon-process.js';
import { dummyRepo, execIn } from './data-dummy.js';
import { expectFetchDocumented } from '../../test/support/openapi-check.js';

export const docker = new Docker();

/** The daemon in execute mode against local data-dummy images, state under `dir`. */
export function startExecuteDaemon(
  dir: string,
  containerName: string,
  extra: Record<string, string> = {},
  port?: number,
): Promise<DaemonProcess> {
  return startDaemon(
    {
      EXECUTION_MODE: 'execute',
      POLICY_URL: join(repoRoot, 'data/upgrade-policy.json'),
      RUNTIME_MANIFEST_URL: join(repoRoot, 'data/runtime-manifest.json'),
      IMAGE_REPO_OVERRIDE: dummyRepo,
      SKIP_DOCKER_PULL: 'true',
      TARGET_CONTAINER_NAME: containerName,
      STATE_DIR: join(dir, 'state'),
      LOG_DIR: join(dir, 'logs'),
      VERIFY_TIMEOUT_SECONDS: '45',
      VERIFY_INTERVAL_MS: '500',
      ...extra,
    },
    port,
  );
}

export type JobBody = Record<string, unknown> & { job_id: string; state: string };

export async function requestUpgrade(daemon: DaemonProcess, target: string): Promise<JobBody> {
  const { status, body } = await postJson(`${daemon.url}/upgrade`, {
    mode: 'MANUAL',
    requested_target: target,
  });
  if (status !== 201) throw new Error(`POST /upgrade answered ${status}: ${JSON.stringify(body)}`);
  return body as JobBody;
}

/** Polls /upgrade/status until the job is READY or FAILED. */
export async function waitForEnd(daemon: DaemonProcess, timeoutMs = 180_000): Promise<JobBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getJson(`${daemon.url}/upgrade/status`);
    if (body.state === 'READY' || body.state === 'FAILED') return body as JobBody;
    if (Date.now() > deadline)
      throw new Error(`job still ${String(body.state)}: ${daemon.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function jobLog(daemon: DaemonProcess): Promise<string> {
  const res = await fetch(`${daemon.url}/upgrade/logs`);
  const text = await res.text();
  expectFetchDocumented('GET', res, text);
  return text;
}

/** Every container whose name starts with `prefix`, as name → image, running. */
export async function containersNamed(prefix: string) {
  const all = await docker.listContainers({ all: true });
  return all
    .map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      image: c.Image,
      state: c.State,
    }))
    .filter((c) => c.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function removeContainersNamed(prefix: string): Promise<void> {
  for (const c of await containersNamed(prefix)) {
    await docker
      .getContainer(c.id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  }
}

/** A command's standard output in a container, trimmed; a non-zero exit is an error. */
export async function execOutput(container: string, cmd: string[]): Promise<string> {
  const result = await execIn(container, cmd);
  if (result.exitCode !== 0) {
    throw new Error(`${cmd.join(' ')} exited ${String(result.exitCode)}: ${result.stderr}`);
  }
  return result.stdout.trim();
}

/** Runs SQL as the superuser on the local socket inside the container. */
export function psql(container: string, sql: string): Promise<string> {
  return execOutput(container, [
    'runuser',
    '-u',
    'postgres',
    '--',
    'psql',
    '-d',
    'payram',
    '-tAc',
    sql,
  ]);
}

export async function getHistory(
  daemon: DaemonProcess,
  query: string,
): Promise<Record<string, unknown>[]> {
  const { body } = await getJson(`${daemon.url}/history?${query}`);
  return body.logs as Record<string, unknown>[];
}

/**
 * SQL as the application's role over TCP, as Payram's own migrations run: objects it creates
 * belong to that role, the case a restore must undo.
 */
export async function psqlAsApp(container: string, password: string, sql: string): Promise<string> {
  const exec = await docker.getContainer(container).exec({
    Cmd: ['psql', '-h', '127.0.0.1', '-U', 'payram', '-d', 'payram', '-tAc', sql],
    Env: [`PGPASSWORD=${password}`],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  const out: string[] = [];
  for (let i = 0; i + 8 <= all.length;) {
    const size = all.readUInt32BE(i + 4);
    if (all[i] === 1) out.push(all.subarray(i + 8, i + 8 + size).toString());
    i += 8 + size;
  }
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new Error(`psql as payram exited ${String(ExitCode)}`);
  return out.join('').trim();
}
