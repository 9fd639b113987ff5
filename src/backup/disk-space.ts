import { statfs } from 'node:fs/promises';
import type { ContainerRuntime } from '../jobs/ports.js';
import { UpdaterError } from '../shared/updater-error.js';
import { libpqEnv, type DatabaseAccess } from './database-access.js';

/** A custom-format dump is compressed; 1.5 times the database leaves room to spare. */
export const spaceFactor = 1.5;

export async function databaseSize(
  runtime: ContainerRuntime,
  containerId: string,
  access: DatabaseAccess,
) {
  const result = await runtime.exec(containerId, {
    cmd: [
      'psql',
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '--command=SELECT pg_database_size(current_database())',
    ],
    env: libpqEnv(access),
  });
  const bytes = Number(result.stdout.trim());
  return result.exitCode === 0 && Number.isFinite(bytes) ? bytes : undefined;
}

export async function checkFreeSpace(backupDir: string, databaseBytes: number): Promise<void> {
  const stats = await statfs(backupDir);
  const free = stats.bavail * stats.bsize;
  const needed = Math.ceil(databaseBytes * spaceFactor);
  if (free < needed) {
    const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
    throw new UpdaterError(
      'DISK_SPACE_LOW',
      `${backupDir} has ${mb(free)} free; the backup needs about ${mb(needed)}`,
    );
  }
}
