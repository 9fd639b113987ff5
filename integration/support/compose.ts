import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from './daemon-process.js';

const run = promisify(execFile);

/** `docker compose` (v2) where installed, else `docker-compose` (v1, as on this project's CI). */
export async function composeCommand(): Promise<string[]> {
  const v2 = await run('docker', ['compose', 'version']).then(
    () => true,
    () => false,
  );
  if (v2) return ['docker', 'compose'];
  await run('docker-compose', ['version']).catch((err: unknown) => {
    throw new Error('neither `docker compose` nor `docker-compose` is installed', { cause: err });
  });
  return ['docker-compose'];
}

export async function compose(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  const [command, ...prefix] = await composeCommand();
  return run(command!, [...prefix, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}
