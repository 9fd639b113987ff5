import { readIfExists } from '../fs/read-if-exists.js';
import { EventEmitter } from 'node:events';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../shared/clock.js';
import type { JobLog, LogLevel } from '../jobs/ports.js';

interface Appended {
  jobId: string;
  line: string;
  /** Byte offset of the line in the file, so a follower can tell it from its snapshot. */
  start: number;
}

const safeJobId = /^[A-Za-z0-9_.-]+$/;
const pollMs = 200;

/** One timestamped text file per job in LOG_DIR; followers get new lines as they are written. */
export class FileJobLog implements JobLog {
  readonly #events = new EventEmitter();
  readonly #sizes = new Map<string, number>();
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly logDir: string,
    private readonly clock: Clock,
  ) {
    this.#events.setMaxListeners(0);
  }

  async init(): Promise<void> {
    await mkdir(this.logDir, { recursive: true, mode: 0o750 });
  }

  append(jobId: string, level: LogLevel, message: string): Promise<void> {
    const line = `${this.clock.now().toISOString()} ${level.padEnd(5)} ${message}\n`;
    const write = async (): Promise<void> => {
      const start = this.#sizes.get(jobId) ?? (await this.#size(jobId));
      await appendFile(this.#path(jobId), line, { mode: 0o640 });
      this.#sizes.set(jobId, start + Buffer.byteLength(line));
      this.#events.emit('line', { jobId, line, start } satisfies Appended);
    };
    const next = this.#queue.then(write);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async read(jobId: string): Promise<string> {
    return (await readIfExists(this.#path(jobId))) ?? '';
  }

  async *follow(jobId: string, ended: () => boolean, signal: AbortSignal): AsyncIterable<string> {
    const pending: Appended[] = [];
    let wake: (() => void) | undefined;
    const onLine = (event: Appended): void => {
      if (event.jobId !== jobId) return;
      pending.push(event);
      wake?.();
    };
    this.#events.on('line', onLine);
    try {
      // Subscribe before the snapshot: a line written in between is then both in the
      // snapshot and pending, and its offset tells which one to keep.
      const snapshot = Buffer.from(await this.read(jobId));
      if (snapshot.length > 0) yield snapshot.toString('utf8');
      while (!signal.aborted) {
        const event = pending.shift();
        if (event !== undefined) {
          if (event.start >= snapshot.length) yield event.line;
          continue;
        }
        if (ended()) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs);
        });
        wake = undefined;
      }
    } finally {
      this.#events.off('line', onLine);
    }
  }

  async #size(jobId: string): Promise<number> {
    return Buffer.byteLength(await this.read(jobId));
  }

  #path(jobId: string): string {
    if (!safeJobId.test(jobId)) throw new Error(`Refusing an unsafe job id: ${jobId}`);
    return join(this.logDir, `${jobId}.log`);
  }
}
