import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { syncFolder } from '../fs/atomic-file.js';
import type { ContainerRuntime } from '../jobs/ports.js';
import { UpdaterError, describeError } from '../shared/updater-error.js';
import { libpqEnv, type DatabaseAccess } from './database-access.js';

export interface DumpResult {
  size: number;
  sha256: string;
}

/**
 * pg_dump -Fc inside the Payram container (its pg_dump matches its server), streamed to
 * `<path>.partial` while hashed, synced, checked with pg_restore --list, then renamed into
 * place. A failure or the time limit leaves no file behind.
 */
export async function dumpDatabase(
  runtime: ContainerRuntime,
  containerId: string,
  access: DatabaseAccess,
  path: string,
  timeoutMs: number,
): Promise<DumpResult> {
  const partial = `${path}.partial`;
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const writing = pipeline(tap, createWriteStream(partial, { mode: 0o600 }));
    const result = await runtime.exec(containerId, {
      cmd: ['pg_dump', '--format=custom', '--no-password'],
      env: libpqEnv(access),
      stdout: tap,
      signal,
    });
    await writing;
    if (result.exitCode !== 0)
      throw new UpdaterError('BACKUP_FAILED', `pg_dump failed: ${firstLines(result.stderr)}`);
    if (size === 0) throw new UpdaterError('BACKUP_FAILED', 'pg_dump wrote nothing');
    await fsyncFile(partial);
    await checkToc(runtime, containerId, partial);
    await rename(partial, path);
    await syncFolder(dirname(path));
    return { size, sha256: hash.digest('hex') };
  } catch (error) {
    await rm(partial, { force: true });
    if (signal.aborted) {
      throw new UpdaterError(
        'BACKUP_TIMEOUT',
        `The backup did not finish within ${Math.round(timeoutMs / 1000)} s`,
      );
    }
    if (error instanceof UpdaterError) throw error;
    throw new UpdaterError('BACKUP_FAILED', `The backup failed: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** Reads the archive's table of contents back through pg_restore: a torn dump fails here. */
async function checkToc(
  runtime: ContainerRuntime,
  containerId: string,
  path: string,
): Promise<void> {
  const result = await runtime.exec(containerId, {
    cmd: ['pg_restore', '--list'],
    stdin: createReadStream(path),
    stdout: new PassThrough().resume(),
  });
  if (result.exitCode !== 0) {
    throw new UpdaterError(
      'BACKUP_FAILED',
      `The dump does not read back: ${firstLines(result.stderr)}`,
    );
  }
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function fsyncFile(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

export function firstLines(text: string, lines = 3): string {
  return text.trim().split('\n').slice(0, lines).join(' | ') || 'no error output';
}
