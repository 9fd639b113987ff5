import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { UpdaterError } from '../shared/updater-error.js';

/**
 * The real path of `file` when it is a regular file inside BACKUP_DIR once every link is
 * followed; anything else (`../../etc/passwd`, a link out of the folder) is refused.
 */
export async function resolveInside(backupDir: string, file: string): Promise<string> {
  const refuse = (why: string) =>
    new UpdaterError('INVALID_BACKUP_PATH', `Refusing ${JSON.stringify(file)}: ${why}`);
  if (file === '' || file.includes('\0')) throw refuse('not a file name');
  const candidate = isAbsolute(file) ? file : resolve(backupDir, file);
  // Refused by its name alone first, so that whether a path outside exists is never told.
  if (!candidate.startsWith(`${resolve(backupDir)}${sep}`))
    throw refuse(`it is not inside ${backupDir}`);
  let real: string;
  let dir: string;
  try {
    [real, dir] = await Promise.all([realpath(candidate), realpath(backupDir)]);
  } catch {
    throw new UpdaterError('BACKUP_NOT_FOUND', `No backup file ${JSON.stringify(file)}`);
  }
  if (!real.startsWith(`${dir}${sep}`)) throw refuse(`it is not inside ${backupDir}`);
  if (!(await lstat(real)).isFile()) throw refuse('not a regular file');
  return real;
}
