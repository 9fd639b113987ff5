import { expect } from 'chai';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createJob, failJob } from '../../src/jobs/job.js';
import type { HistoryEvent } from '../../src/jobs/ports.js';
import { ManualClock } from '../../src/shared/clock.js';
import { FileHistoryStore } from '../../src/store/file-history-store.js';
import { FileJobLog } from '../../src/store/file-job-log.js';
import { FileJobStore } from '../../src/store/file-job-store.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const now = new Date('2026-01-27T14:30:52.000Z');
const job = (id: string) =>
  createJob({ id, mode: 'MANUAL', executionMode: 'dry-run', requestedTarget: '1.9.0', now });

describe('file stores', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => dir.remove());

  describe('FileJobStore', () => {
    it('keeps the current job and the last finished one apart, with no temp files left', async () => {
      const store = new FileJobStore(dir.path);
      await store.init();
      const failed = failJob(job('job-1'), 'POLICY_FETCH_FAILED', 'HTTP 503', now);
      await store.save(failed);
      await store.save(job('job-2'));

      expect((await store.loadCurrent())?.id).to.equal('job-2');
      // JSON has no undefined: unset optional fields come back absent, which reads the same.
      expect(await store.loadLastFinished()).to.deep.equal(JSON.parse(JSON.stringify(failed)));
      expect((await readdir(dir.path)).sort()).to.deep.equal(['job.json', 'last-job.json']);
    });

    it('applies concurrent saves in call order', async () => {
      const store = new FileJobStore(dir.path);
      await store.init();
      const saves = Array.from({ length: 20 }, (_, i) =>
        store.save({ ...job('job-1'), message: `step ${i}` }),
      );
      await Promise.all(saves);
      expect((await store.loadCurrent())?.message).to.equal('step 19');
    });

    it('reads the disk once, then serves what it wrote from memory', async () => {
      const first = new FileJobStore(dir.path);
      await first.init();
      await first.save(job('job-1'));
      const store = new FileJobStore(dir.path);
      expect((await store.loadCurrent())?.id).to.equal('job-1');
      // Another process writing the file is not expected: the daemon is the only writer.
      await first.save(job('job-2'));
      expect((await store.loadCurrent())?.id).to.equal('job-1');
      await store.save(job('job-3'));
      expect((await store.loadCurrent())?.id).to.equal('job-3');
      expect(JSON.parse(await readFile(join(dir.path, 'job.json'), 'utf8'))).to.include({
        id: 'job-3',
      });
    });

    it('hands out copies: changing a loaded or saved job never changes what it holds', async () => {
      const store = new FileJobStore(dir.path);
      await store.init();
      const saved = job('job-1');
      await store.save(saved);
      saved.message = 'changed after saving';
      const loaded = await store.loadCurrent();
      loaded!.message = 'changed after loading';
      expect((await store.loadCurrent())?.message).to.equal(job('job-1').message);
    });

    it('never lets a disk read overtaken by a save replace the saved job in memory', async () => {
      const first = new FileJobStore(dir.path);
      await first.init();
      await first.save(job('job-old'));
      let finishRead: () => void = () => undefined;
      const readHeld = new Promise<void>((resolve) => (finishRead = resolve));
      // The read of the old file is held until the save has landed.
      const store = new FileJobStore(dir.path, undefined, async (path) => {
        const text = await readFile(path, 'utf8');
        await readHeld;
        return text;
      });
      const reading = store.loadCurrent();
      await store.save(job('job-new'));
      finishRead();
      expect((await reading)?.id).to.equal('job-old');
      expect((await store.loadCurrent())?.id).to.equal('job-new');
    });

    it('moves an unreadable state file aside instead of blocking every job', async () => {
      const moved: string[] = [];
      const store = new FileJobStore(dir.path, (_path, to) => moved.push(to));
      await writeFile(join(dir.path, 'job.json'), '{"id": "job-1", "sta');
      expect(await store.loadCurrent()).to.equal(undefined);
      expect(moved).to.have.length(1);
      expect(await readFile(moved[0]!, 'utf8')).to.equal('{"id": "job-1", "sta');
    });
  });

  describe('FileHistoryStore', () => {
    const event = (
      i: number,
      type: HistoryEvent['type'],
      status: HistoryEvent['status'],
    ): HistoryEvent => ({
      timestamp: new Date(now.getTime() + i).toISOString(),
      type,
      status,
      jobId: `job-${i}`,
      message: `event ${i}`,
    });

    it('filters by type and status, newest first, up to the limit', async () => {
      const store = new FileHistoryStore(dir.path);
      await store.init();
      const events = [
        event(1, 'upgrade', 'started'),
        event(2, 'upgrade', 'failed'),
        event(3, 'backup', 'succeeded'),
        event(4, 'upgrade', 'started'),
      ];
      for (const e of events) await store.append(e);

      expect(await store.query({ limit: 10 })).to.deep.equal([...events].reverse());
      expect(await store.query({ type: 'upgrade', limit: 10 })).to.deep.equal([
        events[3],
        events[1],
        events[0],
      ]);
      expect(await store.query({ type: 'upgrade', status: 'started', limit: 1 })).to.deep.equal([
        events[3],
      ]);
      expect(await store.query({ status: 'succeeded', limit: 10 })).to.deep.equal([events[2]]);
    });

    it('skips a line torn by a crash and keeps appending after it', async () => {
      const store = new FileHistoryStore(dir.path);
      await store.init();
      await store.append(event(1, 'upgrade', 'started'));
      await appendFile(join(dir.path, 'history.jsonl'), '{"timestamp":"2026-01-');
      await store.append(event(2, 'upgrade', 'failed'));
      const jobIds = (await store.query({ limit: 10 })).map((e) => e.jobId);
      expect(jobIds).to.deep.equal(['job-1']);
    });
  });

  describe('FileJobLog', () => {
    it('writes timestamped lines to LOG_DIR/<job>.log', async () => {
      const clock = new ManualClock('2026-01-27T14:30:52.000Z');
      const log = new FileJobLog(dir.path, clock);
      await log.append('job-1', 'INFO', 'first');
      clock.advance(1500);
      await log.append('job-1', 'WARN', 'second');
      expect(await readFile(join(dir.path, 'job-1.log'), 'utf8')).to.equal(
        '2026-01-27T14:30:52.000Z INFO  first\n2026-01-27T14:30:53.500Z WARN  second\n',
      );
    });

    it('follows: the snapshot, then new lines exactly once, until the job ends', async () => {
      const log = new FileJobLog(dir.path, new ManualClock());
      await log.append('job-1', 'INFO', 'before');
      let ended = false;
      const seen: string[] = [];
      const following = (async () => {
        for await (const chunk of log.follow('job-1', () => ended, new AbortController().signal))
          seen.push(chunk);
      })();
      await log.append('job-1', 'INFO', 'during 1');
      await log.append('job-1', 'INFO', 'during 2');
      await log.append('job-2', 'INFO', 'another job');
      ended = true;
      await following;
      const text = seen.join('');
      expect(text.match(/before|during 1|during 2/g)).to.deep.equal([
        'before',
        'during 1',
        'during 2',
      ]);
      expect(text).not.to.include('another job');
    });

    it('refuses job ids that could leave LOG_DIR', async () => {
      const log = new FileJobLog(dir.path, new ManualClock());
      let error: unknown;
      try {
        await log.append('../escape', 'INFO', 'x');
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(Error);
      expect(await readdir(dir.path)).to.deep.equal([]);
    });
  });
});
