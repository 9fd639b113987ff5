import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { databaseIsUp, openDatabase, waitForDatabase } from './database.js';
import { createCoreServer } from './http-app.js';
import { createLog } from './log.js';
import { appliedVersions, migrate } from './migrations.js';
import { readSettings } from './settings.js';

const log = createLog('payram-core');

async function main() {
  const settings = readSettings(process.env);
  log.info(`starting version ${settings.version} (${describeBehaviours(settings)})`);
  if (settings.behaviours.has('crash')) {
    log.error('exiting at start (DUMMY_BEHAVIOUR=crash)');
    process.exit(1);
  }

  const { db, close } = openDatabase(settings.database);
  let server;
  stopOnSignals(async () => {
    server?.close();
    await close();
  });

  await waitForDatabase(db, log);
  const migration = await runMigration(db, settings);
  if (settings.behaviours.has('slow-start')) {
    log.info(`delaying start by ${settings.startDelayMs / 1000} s (DUMMY_BEHAVIOUR=slow-start)`);
    await sleep(settings.startDelayMs);
  }

  server = createCoreServer({
    settings,
    databaseIsUp: () => databaseIsUp(db),
    migrationStatus: trackMigrations(db, settings.version, migration),
  });
  server.listen(settings.listenPort, () => log.info(`listening on :${settings.listenPort}`));
}

// HTTP starts only afterwards, so the status endpoint never has to report `running`.
async function runMigration(db, settings) {
  log.info(`applying migration ${settings.version}`);
  const failHalfway = settings.behaviours.has('fail-migration');
  const migration = await migrate(db, settings.version, { failHalfway });
  if (migration.state === 'failed') log.error(migration.error);
  else log.info(`migration ${settings.version} complete`);
  return migration;
}

// While the database is down the last list read is the best answer.
function trackMigrations(db, version, migration) {
  let applied = [];
  return async () => {
    applied = await appliedVersions(db).catch(() => applied);
    const { state, error } = migration;
    return error === undefined ? { state, version, applied } : { state, version, applied, error };
  };
}

function stopOnSignals(cleanup) {
  const stop = (signal) => {
    log.info(`${signal} received, stopping`);
    cleanup().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function describeBehaviours(settings) {
  const list = [...settings.behaviours].join(',');
  return list === '' ? 'no misbehaviour' : `DUMMY_BEHAVIOUR=${list}`;
}

main().catch((err) => {
  log.error(err instanceof Error ? `${err.code ?? err.name}: ${err.message}` : String(err));
  process.exit(1);
});
