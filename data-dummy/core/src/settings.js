import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

export const knownBehaviours = Object.freeze([
  'unhealthy',
  'wrong-version',
  'fail-migration',
  'slow-start',
  'crash',
  'legacy',
]);

// Baked in by the image build, like a version compiled into a binary: an env var copied from an
// older container must not be able to change what the core reports.
const versionFile = new URL('../../VERSION', import.meta.url);

export class SettingsError extends Error {
  code = 'DUMMY_SETTINGS_INVALID';
}

export function readSettings(env) {
  const version = readVersion();
  const behaviours = parseBehaviours(env.DUMMY_BEHAVIOUR ?? '');
  return Object.freeze({
    version,
    reportedVersion: behaviours.has('wrong-version')
      ? env.DUMMY_REPORTED_VERSION || `${version}-wrong`
      : version,
    behaviours,
    startDelayMs: 1000 * readSeconds(env, 'DUMMY_START_DELAY_SECONDS', 20),
    listenPort: 8080,
    database: readDatabase(env),
  });
}

function readVersion() {
  try {
    return readFileSync(versionFile, 'utf8').trim();
  } catch (cause) {
    throw new SettingsError(`cannot read the baked-in version from ${versionFile.pathname}`, {
      cause,
    });
  }
}

function parseBehaviours(list) {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !knownBehaviours.includes(name));
  if (unknown.length > 0) {
    const known = knownBehaviours.join(', ');
    throw new SettingsError(`DUMMY_BEHAVIOUR: unknown ${unknown.join(', ')} (known: ${known})`);
  }
  return new Set(names);
}

function readSeconds(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new SettingsError(`${name}: expected a number of seconds >= 0, got "${raw}"`);
  }
  return seconds;
}

function readDatabase(env) {
  const port = Number(required(env, 'POSTGRES_PORT'));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new SettingsError(`POSTGRES_PORT: expected a TCP port, got "${env.POSTGRES_PORT}"`);
  }
  const sslmode = env.POSTGRES_SSLMODE || 'disable';
  return Object.freeze({
    host: required(env, 'POSTGRES_HOST'),
    port,
    database: required(env, 'POSTGRES_DB'),
    user: required(env, 'POSTGRES_USER'),
    password: required(env, 'POSTGRES_PASSWORD'),
    ssl: sslmode === 'disable' ? false : { rejectUnauthorized: sslmode.startsWith('verify-') },
  });
}

function required(env, name) {
  const value = env[name];
  if (value === undefined || value === '') throw new SettingsError(`${name} is required`);
  return value;
}
