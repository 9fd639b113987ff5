import { readIfExists } from '../fs/read-if-exists.js';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { isTerminal, jobStates, type Job } from '../jobs/job.js';
import type { JobStore } from '../jobs/ports.js';
import { writeFileAtomic } from '../fs/atomic-file.js';

/**
 * `job.json` holds the most recent job, `last-job.json` the most recent finished one. Writes
 * are serialised so that two saves of one job can never land out of order.
 *
 * The daemon is the only writer of these files, so each is read from disk once and then served
 * from memory (dashboards poll `/upgrade/status`); memory changes only once a write is durable.
 */
export class FileJobStore implements JobStore {
  readonly #current: string;
  readonly #last: string;
  #queue: Promise<void> = Promise.resolve();
  readonly #known = new Map<string, Job | undefined>();
  /** Counts durable writes, so that a disk read overtaken by a save never replaces it in memory. */
  #writes = 0;

  constructor(
    readonly stateDir: string,
    private readonly onCorrupt: (path: string, movedTo: string) => void = () => {},
    private readonly readText: (path: string) => Promise<string | undefined> = readIfExists,
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

  async #read(path: string): Promise<Job | undefined> {
    if (!this.#known.has(path)) {
      const writes = this.#writes;
      const job = await this.#readDisk(path);
      if (writes === this.#writes) this.#known.set(path, job);
      else return job === undefined ? undefined : structuredClone(job);
    }
    const known = this.#known.get(path);
    // Callers get their own copy: a change to it must never alter what the store holds.
    return known === undefined ? undefined : structuredClone(known);
  }

  /**
   * Atomic writes make a torn file impossible, but a file edited by hand can still be broken:
   * it is moved aside for inspection rather than blocking every future job.
   */
  async #readDisk(path: string): Promise<Job | undefined> {
    const text = await this.readText(path);
    if (text === undefined) return undefined;
    const job = parseJob(text);
    if (job !== undefined) return job;
    const movedTo = `${path}.corrupt-${Date.now()}`;
    await rename(path, movedTo);
    this.onCorrupt(path, movedTo);
    return undefined;
  }

  save(job: Job): Promise<void> {
    const text = `${JSON.stringify(job, null, 2)}\n`;
    // Memory holds exactly what a read of the file would give (no undefined fields).
    const saved = JSON.parse(text) as Job;
    const write = async (): Promise<void> => {
      await writeFileAtomic(this.#current, text);
      this.#remember(this.#current, saved);
      if (isTerminal(saved.state)) {
        await writeFileAtomic(this.#last, text);
        this.#remember(this.#last, saved);
      }
    };
    const next = this.#queue.then(write);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #remember(path: string, job: Job): void {
    this.#known.set(path, job);
    this.#writes += 1;
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
