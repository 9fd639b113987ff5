import { type } from 'arktype';

const portNumber = type('string.integer.parse').to('1 <= number.integer <= 65535');
const positiveInt = type('string.integer.parse').to('number.integer >= 1');
const booleanText = type("'true' | 'false' | '1' | '0' | 'yes' | 'no'").pipe(
  (s) => s === 'true' || s === '1' || s === 'yes',
);
const list = type('string').pipe((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
const hostPortPair = /^(\d{1,3}(\.\d{1,3}){3}:)?\d{1,5}:\d{1,5}(\/(tcp|udp))?$/;
const portsList = list.narrow((items, ctx) =>
  items.every((item) => hostPortPair.test(item))
    ? true
    : ctx.mustBe('a comma-separated list of host:container port pairs'),
);
const nonEmpty = type('string > 0');

/**
 * Every variable the daemon reads, with its default. Keys are the variable names so that
 * arktype's messages name the variable the operator has to fix.
 */
export const envSchema = type({
  UPDATER_PORT: portNumber.default('2359'),
  'UPDATER_BIND?': list,
  'UPDATER_ALLOWED_SOURCES?': list,
  'UPDATER_API_TOKEN?': type('string >= 16').describe('a token of at least 16 characters'),
  POLICY_URL: nonEmpty,
  RUNTIME_MANIFEST_URL: nonEmpty,
  FETCH_TIMEOUT_SECONDS: positiveInt.default('10'),
  FETCH_MAX_BYTES: positiveInt.default('1048576'),
  REQUEST_BODY_LIMIT_BYTES: positiveInt.default('16384'),
  STATE_DIR: nonEmpty.default('/var/lib/payram'),
  LOG_DIR: nonEmpty.default('/var/log/payram'),
  'BACKUP_DIR?': nonEmpty,
  BACKUP_RETENTION: positiveInt.default('10'),
  BACKUP_TIMEOUT_SECONDS: positiveInt.default('600'),
  'TARGET_CONTAINER_NAME?': type(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).describe('a container name'),
  'CORE_BASE_URL?': type(/^https?:\/\/[^\s]+$/).describe('an http(s) URL'),
  EXECUTION_MODE: type("'dry-run' | 'execute'").default('dry-run'),
  VERIFY_TIMEOUT_SECONDS: positiveInt.default('180'),
  VERIFY_INTERVAL_MS: positiveInt.default('1000'),
  STOP_TIMEOUT_SECONDS: positiveInt.default('30'),
  'UPDATER_FAULT_KILL_AT_STEP?': type(/^[a-z-]+$/).describe('an execution step name'),
  DOCKER_HOST: nonEmpty.default('/var/run/docker.sock'),
  'IMAGE_REPO_OVERRIDE?': type(/^[a-z0-9][a-z0-9._/:-]*$/).describe('an image repository'),
  SKIP_DOCKER_PULL: booleanText.default('false'),
  'PORTS_OVERRIDE?': portsList,
  SUPERVISOR_EXCLUDE: list.default('postgres,postgresql'),
  LOG_LEVEL: type("'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'").default('info'),
});

export type EnvInput = typeof envSchema.inferIn;
export type ParsedEnv = typeof envSchema.infer;
