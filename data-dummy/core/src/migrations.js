import { describeError } from './database.js';

const baseline = [
  `CREATE TABLE IF NOT EXISTS schema_migrations (
     version text PRIMARY KEY,
     applied_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS payments (
     id serial PRIMARY KEY,
     amount numeric NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now())`,
];

// Serialises two cores migrating the same database, e.g. an old and a new container overlapping.
const migrationLockKey = 727260;

export class MigrationError extends Error {
  code = 'DUMMY_MIGRATION_FAILED';
}

export function tableSuffix(version) {
  return version.toLowerCase().replace(/[^a-z0-9]/g, '_');
}

/** Applies this version's migration once; returns the outcome the status endpoint reports. */
export async function migrate(db, version, { failHalfway }) {
  try {
    if (await isApplied(db, version)) return { state: 'complete' };
    if (failHalfway) await leaveHalfApplied(db, version);
    await db.tx('migrate', (t) => applyInTransaction(t, version, failHalfway));
    return { state: 'complete' };
  } catch (err) {
    return { state: 'failed', error: `migration ${version} failed: ${describeError(err)}` };
  }
}

export async function appliedVersions(db) {
  const present = await db.one("SELECT to_regclass('schema_migrations') IS NOT NULL AS yes");
  if (!present.yes) return [];
  const rows = await db.any('SELECT version FROM schema_migrations ORDER BY applied_at, version');
  return rows.map((row) => row.version);
}

async function isApplied(db, version) {
  return (await appliedVersions(db)).includes(version);
}

// Real migrations that die midway often leave DDL behind that ran outside their transaction.
async function leaveHalfApplied(db, version) {
  await db.none('CREATE TABLE IF NOT EXISTS $1:name (step text NOT NULL)', [
    `half_migrated_${tableSuffix(version)}`,
  ]);
}

async function applyInTransaction(t, version, failHalfway) {
  await t.any('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
  for (const statement of baseline) await t.none(statement);
  const done = await t.oneOrNone('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
  if (done !== null) return;

  await t.none(
    'CREATE TABLE $1:name (id serial PRIMARY KEY, enabled boolean NOT NULL DEFAULT true)',
    [`feature_${tableSuffix(version)}`],
  );
  if (failHalfway) {
    throw new MigrationError('simulated failure after a partial schema change (fail-migration)');
  }
  await t.none('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
}
