import pgPromise from 'pg-promise';
import { setTimeout as sleep } from 'node:timers/promises';

const retryDelayMs = 1000;

/** A pg-promise database with short timeouts, so a dead server turns into a quick 503. */
export function openDatabase(connection) {
  const pgp = pgPromise();
  const db = pgp({
    ...connection,
    max: 5,
    connectionTimeoutMillis: 3000,
    query_timeout: 5000,
    application_name: 'payram-core',
  });
  return { db, close: () => pgp.end() };
}

/** The core may start before PostgreSQL accepts connections: supervisord starts both at once. */
export async function waitForDatabase(db, log) {
  for (let attempt = 1; ; attempt++) {
    try {
      const connection = await db.connect();
      connection.done();
      log.info(`database reachable after ${attempt} attempt(s)`);
      return;
    } catch (err) {
      if (attempt === 1 || attempt % 10 === 0) {
        log.info(`waiting for the database (${describeError(err)})`);
      }
      await sleep(retryDelayMs);
    }
  }
}

export async function databaseIsUp(db) {
  try {
    await db.one('SELECT 1 AS ok');
    return true;
  } catch {
    return false;
  }
}

// pg's messages name the user and database, never the password.
export function describeError(err) {
  return err instanceof Error ? `${err.code ?? err.name}: ${err.message}` : String(err);
}
