import { constants, type FileHandle, open } from 'node:fs/promises';
import { ReadFailure } from './read-failure.js';
import { readLimited, tooLarge } from './read-limited.js';

// Non-blocking so that a FIFO is rejected by the regular-file check instead of hanging the open.
const openFlags = constants.O_RDONLY | constants.O_NONBLOCK;

const reasonsByCode: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
};

export async function readFileLimited(filePath: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await openForReading(filePath);
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new ReadFailure('is a directory');
    if (!stats.isFile()) throw new ReadFailure('not a regular file');
    if (stats.size > maxBytes) throw tooLarge(maxBytes);

    // The file may grow after stat, so the read is bounded too.
    return await readLimited(handle.createReadStream({ autoClose: false }), maxBytes);
  } finally {
    await handle.close();
  }
}

async function openForReading(filePath: string): Promise<FileHandle> {
  try {
    return await open(filePath, openFlags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ReadFailure(reasonsByCode[code] ?? `cannot be opened (${code})`, error);
  }
}
