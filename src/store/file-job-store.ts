import { readIfExists } from '../fs/read-if-exists.js';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { isTerminal, jobStates, type Job } from '../jobs/job.js';
import type { JobStore } from '../jobs/ports.js';
import { writeFileAtomic } from '../fs/atomic-file.js';

/**
 * `job.json` holds the most recent job, `last-job.json` the most recent finished one. Writes
 * are serialised so that two saves of one job can never land out of order.
 */
export class FileJobStore implements JobStore {
  readonly #current: string;
  readonly #last: string;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly stateDir: string,
    private readonly onCorrupt: (path: string, movedTo: string) => void = () => {},
  ) {
    this.#current = join(stateDir, 'job.json');
    this.#last = join(stateDir, 'last-job.json');
  }

  async init(): Promise<void> {
    await mkdir(this.stateDir, { recursive: true, mode: 0o700 });
  }

  loadCurrent(): Promise<Job | undefined> {
    return this.#read(this.#current);
  }

  loadLastFinished(): Promise<Job | undefined> {
    return this.#read(this.#last);
  }

  /**
   * Atomic writes make a torn file impossible, but a file edited by hand can still be broken:
   * it is moved aside for inspection rather than blocking every future job.
   */
  async #read(path: string): Promise<Job | undefined> {
    const text = await readIfExists(path);
    if (text === undefined) return undefined;
    const job = parseJob(text);
    if (job !== undefined) return job;
    const movedTo = `${path}.corrupt-${Date.now()}`;
    await rename(path, movedTo);
    this.onCorrupt(path, movedTo);
    return undefined;
  }

  save(job: Job): Promise<void> {
    const write = async (): Promise<void> => {
      const text = `${JSON.stringify(job, null, 2)}\n`;
      await writeFileAtomic(this.#current, text);
      if (isTerminal(job.state)) await writeFileAtomic(this.#last, text);
    };
    const next = this.#queue.then(write);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

function parseJob(text: string): Job | undefined {
  try {
    const value = JSON.parse(text) as Partial<Job> | null;
    const known = (jobStates as readonly unknown[]).includes(value?.state);
    return known && typeof value?.id === 'string' ? (value as Job) : undefined;
  } catch {
    return undefined;
  }
}
