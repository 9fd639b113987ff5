import { readIfExists } from '../fs/read-if-exists.js';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEvent, HistoryFilter, HistoryStore } from '../jobs/ports.js';

/**
 * History as an append-only JSON-lines file. One event is one write of one line, synced
 * before the append resolves; a line torn by a crash is skipped when reading.
 */
export class FileHistoryStore implements HistoryStore {
  readonly #path: string;
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly stateDir: string) {
    this.#path = join(stateDir, 'history.jsonl');
  }

  async init(): Promise<void> {
    await mkdir(this.stateDir, { recursive: true, mode: 0o700 });
  }

  append(event: HistoryEvent): Promise<void> {
    const write = async (): Promise<void> => {
      const file = await open(this.#path, 'a', 0o600);
      try {
        await file.write(`${JSON.stringify(event)}\n`);
        await file.datasync();
      } finally {
        await file.close();
      }
    };
    const next = this.#queue.then(write);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async query(filter: HistoryFilter): Promise<HistoryEvent[]> {
    const events = (await this.#readAll()).filter(
      (event) =>
        (filter.type === undefined || event.type === filter.type) &&
        (filter.status === undefined || event.status === filter.status),
    );
    return events.reverse().slice(0, filter.limit);
  }

  async #readAll(): Promise<HistoryEvent[]> {
    const text = await readIfExists(this.#path);
    return text === undefined ? [] : text.split('\n').flatMap(parseLine);
  }
}

function parseLine(line: string): HistoryEvent[] {
  if (line.trim() === '') return [];
  try {
    return [JSON.parse(line) as HistoryEvent];
  } catch {
    return [];
  }
}
