import { UpdaterError } from '../shared/updater-error.js';

export interface DatabaseAccess {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: string;
  /** PostgreSQL runs inside the Payram container (the default install). */
  local: boolean;
}

const localHosts = new Set(['', 'localhost', '127.0.0.1', '::1']);

/** Database settings from the Payram container's environment, under either spelling Payram uses. */
export function databaseAccess(env: readonly string[]): DatabaseAccess {
  const vars = new Map(
    env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
  const pick = (...names: string[]) =>
    names.map((n) => vars.get(n)).find((v) => v !== undefined && v !== '');
  const host = pick('POSTGRES_HOST') ?? 'localhost';
  const access = {
    host,
    port: pick('POSTGRES_PORT') ?? '5432',
    database: pick('POSTGRES_DB', 'POSTGRES_DATABASE'),
    user: pick('POSTGRES_USER', 'POSTGRES_USERNAME'),
    password: pick('POSTGRES_PASSWORD'),
    sslmode: pick('POSTGRES_SSLMODE') ?? 'prefer',
    local: localHosts.has(host),
  };
  const missing = Object.entries({
    POSTGRES_DB: access.database,
    POSTGRES_USER: access.user,
    POSTGRES_PASSWORD: access.password,
  })
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length > 0 || !/^\d{1,5}$/.test(access.port)) {
    const problem =
      missing.length > 0 ? `${missing.join(', ')} missing` : 'POSTGRES_PORT is not a port';
    throw new UpdaterError(
      'INVALID_DB_CONFIG',
      `The Payram container's database settings are incomplete: ${problem}`,
    );
  }
  return access as DatabaseAccess;
}

/**
 * libpq's environment for pg_dump, pg_restore and psql in the container: the password travels
 * in the exec's environment, never on a command line. A local database is reached over TCP
 * on loopback with the application's own role, as the application does.
 */
export function libpqEnv(access: DatabaseAccess): string[] {
  return [
    `PGHOST=${access.local ? '127.0.0.1' : access.host}`,
    `PGPORT=${access.port}`,
    `PGDATABASE=${access.database}`,
    `PGUSER=${access.user}`,
    `PGPASSWORD=${access.password}`,
    `PGSSLMODE=${access.local ? 'disable' : access.sslmode}`,
    'PGCONNECT_TIMEOUT=10',
  ];
}
