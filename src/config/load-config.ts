import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { type } from 'arktype';
import { UpdaterError } from '../shared/updater-error.js';
import type { Config } from './config.js';
import { envSchema, type ParsedEnv } from './env-schema.js';

export const defaultEnvFile = '/etc/payram/updater.env';

/** Variables that may instead be read from the file named by `<NAME>_FILE`. */
const fileBacked = ['UPDATER_API_TOKEN', 'POLICY_URL', 'RUNTIME_MANIFEST_URL'] as const;

export interface LoadConfigOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** An explicit env file must exist; the default one is read only when present. */
  envFile?: string;
  cwd?: string;
  readFile?: (path: string) => string;
  fileExists?: (path: string) => boolean;
}

export class ConfigError extends UpdaterError {
  constructor(message: string) {
    super('INVALID_CONFIG', message);
  }
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const merged = { ...readEnvFile(options, readFile), ...setOnly(env) };
  const withSecrets = resolveFileBacked(merged, readFile);
  const parsed = envSchema(pickKnown(withSecrets));
  if (parsed instanceof type.errors) {
    throw new ConfigError(`Invalid configuration: ${parsed.summary}`);
  }
  return Object.freeze(toConfig(parsed, options.cwd ?? process.cwd()));
}

function readEnvFile(
  options: LoadConfigOptions,
  readFile: (path: string) => string,
): Record<string, string> {
  const path = options.envFile ?? defaultEnvFile;
  const exists = options.fileExists ?? fileExistsOnDisk;
  if (options.envFile === undefined && !exists(path)) return {};
  try {
    return setOnly(parseEnv(readFile(path)));
  } catch (error) {
    throw new ConfigError(`Cannot read env file ${path}: ${(error as Error).message}`);
  }
}

function resolveFileBacked(
  env: Record<string, string>,
  readFile: (path: string) => string,
): Record<string, string> {
  const out = { ...env };
  for (const name of fileBacked) {
    const file = env[`${name}_FILE`];
    if (file === undefined) continue;
    if (env[name] !== undefined) {
      throw new ConfigError(`${name} and ${name}_FILE are both set: keep only one`);
    }
    try {
      // Secrets files conventionally end with a newline that is not part of the value.
      out[name] = readFile(file).replace(/\r?\n$/, '');
    } catch (error) {
      throw new ConfigError(`${name}_FILE: cannot read ${file}: ${(error as Error).message}`);
    }
  }
  return out;
}

function pickKnown(env: Record<string, string>): Record<string, string> {
  const known = new Set(envSchema.props.map((prop) => prop.key as string));
  return Object.fromEntries(Object.entries(env).filter(([key]) => known.has(key)));
}

/**
 * An empty value means "unset", as in most env-file conventions: `UPDATER_API_TOKEN=` in the
 * file, or `POLICY_URL=` in the environment, neither sets nor overrides anything.
 */
function setOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

function fileExistsOnDisk(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

function toConfig(env: ParsedEnv, cwd: string): Config {
  const stateDir = absolute(env.STATE_DIR, cwd);
  return {
    port: env.UPDATER_PORT,
    bind: env.UPDATER_BIND,
    allowedSources: env.UPDATER_ALLOWED_SOURCES,
    apiToken: env.UPDATER_API_TOKEN,
    policyUrl: env.POLICY_URL,
    manifestUrl: env.RUNTIME_MANIFEST_URL,
    fetchTimeoutMs: env.FETCH_TIMEOUT_SECONDS * 1000,
    fetchMaxBytes: env.FETCH_MAX_BYTES,
    requestBodyLimitBytes: env.REQUEST_BODY_LIMIT_BYTES,
    stateDir,
    logDir: absolute(env.LOG_DIR, cwd),
    backupDir: absolute(env.BACKUP_DIR ?? join(stateDir, 'backups'), cwd),
    backupRetention: env.BACKUP_RETENTION,
    backupTimeoutMs: env.BACKUP_TIMEOUT_SECONDS * 1000,
    targetContainerName: env.TARGET_CONTAINER_NAME,
    coreBaseUrl: env.CORE_BASE_URL,
    executionMode: env.EXECUTION_MODE,
    verifyTimeoutMs: env.VERIFY_TIMEOUT_SECONDS * 1000,
    verifyIntervalMs: env.VERIFY_INTERVAL_MS,
    stopTimeoutSeconds: env.STOP_TIMEOUT_SECONDS,
    faultKillAtStep: env.UPDATER_FAULT_KILL_AT_STEP,
    dockerHost: env.DOCKER_HOST,
    imageRepoOverride: env.IMAGE_REPO_OVERRIDE,
    skipDockerPull: env.SKIP_DOCKER_PULL,
    portsOverride: env.PORTS_OVERRIDE,
    supervisorExclude: env.SUPERVISOR_EXCLUDE,
    logLevel: env.LOG_LEVEL,
    baseDir: cwd,
  };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
