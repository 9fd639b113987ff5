import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { apiChecker, expectFetchDocumented } from '../../test/support/openapi-check.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface DaemonProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resolves when the process has ended, whatever ended it. */
  exited(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, as chosen by the kernel. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Starts `payram-updater serve` exactly as an operator would, and waits for /health. */
export async function startDaemon(
  env: Record<string, string>,
  port?: number,
): Promise<DaemonProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      UPDATER_PORT: String(chosen),
      UPDATER_BIND: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exit = once(child, 'exit').then(() => undefined);
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const daemon: DaemonProcess = {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    child,
    output: () => output,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exit;
    },
    exited: () => exit,
  };
  await waitForHealth(daemon);
  return daemon;
}

async function waitForHealth(daemon: DaemonProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (daemon.child.exitCode !== null) {
      throw new Error(`daemon exited with ${daemon.child.exitCode}:\n${daemon.output()}`);
    }
    try {
      const res = await fetch(`${daemon.url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await daemon.kill('SIGKILL');
  throw new Error(`daemon did not become healthy:\n${daemon.output()}`);
}

export async function getJson(
  url: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: documented('GET', res, await res.json()) };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: documented('POST', res, await res.json()) };
}

/**
 * Every answer of the real daemon these helpers read is checked against its OpenAPI document;
 * other servers (the Payram core's /api/v1/…) pass through unchecked.
 */
function documented(method: string, res: Response, body: unknown): Record<string, unknown> {
  const path = new URL(res.url).pathname;
  if (Object.hasOwn(apiChecker().document.paths, path)) expectFetchDocumented(method, res, body);
  return body as Record<string, unknown>;
}
