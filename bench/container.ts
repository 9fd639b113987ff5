// The updater's own container: image size, time from start to answering and to `healthy`, idle
// memory, and GET /upgrade/status under 100 connections against a bare koa app run the same way
// (same image, host network), alternating. Run: npm run bench:container (needs Docker).
import '../integration/support/setup.js';
import { constants } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import { makeTempDir } from '../test/support/temp-dir.js';
import { buildUpdaterImage, removeUpdaterImage } from '../integration/support/updater-image.js';
import { removeContainersNamed } from '../integration/support/upgrade-harness.js';
import {
  loadColumns,
  printTable,
  printVerdict,
  startColumns,
  type LoadRound,
  type StartFigures,
} from './container-report.js';
import { loadTest, msUntilOk } from './http-load.js';
import { median } from './median.js';
import {
  msUntilHealthy,
  startBareKoa,
  startUpdater,
  type BenchContainer,
  type ProcessMemory,
} from './updater-container.js';

const tag = 'payram-updater-bench/updater:bench';
const prefix = 'payram-bench-container-';
const starts = Number(process.env.BENCH_STARTS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const roundS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
// V8 shrinks its heap some 10 to 20 s after start, once the process has gone quiet (its "memory
// reducer"); a single reading taken before that reports the start-up peak, not the idle figure.
const sampleS = 40;
const settledSamples = 10;
const idleRequests = ['/health', '/upgrade/status', '/upgrade/inspect', '/history', '/backups'];

/** One reading of PID 1 per second for `sampleS` seconds after the idle requests. */
async function sampleMemory(updater: BenchContainer): Promise<ProcessMemory[]> {
  const samples: ProcessMemory[] = [];
  const began = performance.now();
  for (let i = 1; i <= sampleS; i += 1) {
    samples.push(await updater.mainProcess());
    await sleep(Math.max(0, began + i * 1000 - performance.now()));
  }
  return samples;
}

async function measureStart(round: number, hostDir: string): Promise<StartFigures> {
  const name = `${prefix}start-${round}-updater`;
  const updater = await startUpdater(tag, name, join(hostDir, `start-${round}`));
  try {
    const [apiMs, healthyMs] = await Promise.all([
      msUntilOk(`${updater.url}/health`, updater.startedAt, 30_000),
      msUntilHealthy(updater, 60_000),
    ]);
    for (const path of idleRequests) await (await fetch(updater.url + path)).arrayBuffer();
    const samples = await sampleMemory(updater);
    const settled = samples.slice(-settledSamples);
    const mib = (pick: (m: ProcessMemory) => number, of = settled) => median(of.map(pick)) / 1024;
    return {
      apiMs,
      healthyMs,
      process: samples[0]?.name ?? '?',
      peakMib: Math.max(...samples.map((m) => m.rssKb)) / 1024,
      rssMib: mib((m) => m.rssKb),
      anonMib: mib((m) => m.anonKb),
      fileMib: mib((m) => m.fileKb),
    };
  } catch (err) {
    throw new Error(`start ${round}: ${String(err)}\n${await updater.logs()}`, { cause: err });
  } finally {
    await removeContainersNamed(name);
  }
}

/** Both servers must send the same bytes, or the comparison measures something else. */
async function sameAnswer(urls: string[]): Promise<void> {
  const answers = await Promise.all(
    urls.map(async (url) => {
      const res = await fetch(url);
      return `${res.headers.get('content-type')} ${await res.text()}`;
    }),
  );
  if (new Set(answers).size !== 1) throw new Error(`different answers: ${answers.join(' | ')}`);
}

async function compareLoad(hostDir: string): Promise<LoadRound[]> {
  const updater = await startUpdater(tag, `${prefix}load-updater`, join(hostDir, 'load'));
  await msUntilOk(`${updater.url}/health`, updater.startedAt, 30_000);
  const body = await (await fetch(`${updater.url}/upgrade/status`)).text();
  const bare = await startBareKoa(tag, `${prefix}load-bare`, body);
  const [updaterUrl, bareUrl] = [`${updater.url}/upgrade/status`, `${bare.url}/upgrade/status`];
  await msUntilOk(bareUrl, bare.startedAt, 30_000);
  await sameAnswer([updaterUrl, bareUrl]);
  console.log(`GET /upgrade/status body (${body.length} bytes): ${body}`);

  await loadTest(updaterUrl, 3);
  await loadTest(bareUrl, 3);
  const results: LoadRound[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    results.push({
      updater: await loadTest(updaterUrl, roundS),
      bare: await loadTest(bareUrl, roundS),
    });
  }
  return results;
}

async function measure(hostDir: string): Promise<boolean> {
  const imageMb = (await new Docker().getImage(tag).inspect()).Size / 1e6;
  console.log(`image ${tag}: ${imageMb.toFixed(1)} MB (10^6 bytes, as docker images shows)\n`);

  const startFigures: StartFigures[] = [];
  for (let round = 1; round <= starts; round += 1) {
    startFigures.push(await measureStart(round, hostDir));
  }
  printTable('start', startColumns, startFigures);
  const names = [...new Set(startFigures.map((s) => s.process))].join(', ');
  console.log(
    `Times from the engine's start call; "healthy" cannot come before the first HEALTHCHECK` +
      ` run, one interval (10 s) after start: Docker 20.10 has no --start-interval (Docker` +
      ` 25+). Memory of PID 1 (${names}) from /proc/1/status by exec, once a second for` +
      ` ${sampleS} s after ${idleRequests.length} requests: the peak, then the median of the` +
      ` last ${settledSamples} readings (VmRSS = RssAnon + RssFile + RssShmem; RssFile is` +
      ` mostly the node binary's own pages, shared with any other node process).\n`,
  );

  const load = await compareLoad(hostDir);
  printTable('round', loadColumns, load);
  console.log(`autocannon, 100 connections, ${roundS} s per run, after a 3 s warm-up of each.\n`);

  return printVerdict(imageMb, startFigures, load);
}

async function main(): Promise<void> {
  const dir = await makeTempDir('payram-bench-container-');
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await removeContainersNamed(prefix);
      await dir.remove();
      const { removed, kept } = await removeUpdaterImage(tag);
      console.log(
        `untagged build images removed: ${removed}, kept (built on since): ${kept.length}`,
      );
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const code = 128 + constants.signals[signal];
    process.on(signal, () => void cleanUp().finally(() => process.exit(code)));
  }
  try {
    await buildUpdaterImage(tag);
    process.exitCode = (await measure(dir.path)) ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

await main();
