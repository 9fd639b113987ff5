import { createReadStream } from 'node:fs';
import type { ContainerRuntime } from '../jobs/ports.js';
import { UpdaterError } from '../shared/updater-error.js';
import { libpqEnv, type DatabaseAccess } from './database-access.js';
import { firstLines } from './pg-dump.js';

/**
 * Everything the application's role owns is dropped and the dump replayed, in ONE transaction:
 * the database ends exactly as dumped (tables a newer schema added are gone), or, on any
 * error, exactly as it was. Needs no superuser, so it works for external databases too.
 */
const restoreScript = [
  'set -o pipefail',
  '{ printf "DROP OWNED BY CURRENT_USER;\\n"; pg_restore --no-owner --no-privileges --exit-on-error --file=-; } \\',
  '  | psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --single-transaction --output=/dev/null',
].join('\n');

export async function restoreDatabase(
  runtime: ContainerRuntime,
  containerId: string,
  access: DatabaseAccess,
  path: string,
): Promise<void> {
  const result = await runtime.exec(containerId, {
    cmd: ['bash', '-c', restoreScript],
    env: libpqEnv(access),
    stdin: createReadStream(path),
  });
  if (result.exitCode !== 0) {
    throw new UpdaterError(
      'RESTORE_FAILED',
      `The restore failed and was rolled back: ${firstLines(result.stderr)}`,
    );
  }
}
