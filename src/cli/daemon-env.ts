import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** The daemon's own env file; the CLI beside it (in its container) reads the same settings. */
export const daemonEnvFile = '/etc/payram/updater.env';

/** Only what the CLI needs to reach the daemon: where it listens and the token it expects. */
const connectionKeys = ['UPDATER_PORT', 'UPDATER_API_TOKEN', 'UPDATER_API_TOKEN_FILE'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment wins over the file, as it does for the daemon. A file the caller cannot read
 * (an operator without root on the host) is skipped: the variables may still come from the
 * environment, and a missing token is reported when the daemon refuses.
 */
export function withDaemonEnv(env: Env, read: (path: string) => string = readText): Env {
  let text: string;
  try {
    text = read(env['PAYRAM_UPDATER_ENV_FILE'] ?? daemonEnvFile);
  } catch {
    return env;
  }
  const fromFile = parseEnv(text);
  const picked = connectionKeys.filter(
    (key) => fromFile[key] !== undefined && fromFile[key] !== '',
  );
  return { ...Object.fromEntries(picked.map((key) => [key, fromFile[key]])), ...definedOnly(env) };
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

function definedOnly(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}
