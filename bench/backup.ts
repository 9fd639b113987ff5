// Backup of a ≥ 1 GB database: the updater's POST /backups against a plain `pg_dump -Fc` run by
// hand (docker exec, output redirected to a file) in the same run, alternating A B A B, and the
// daemon's resident memory while it streams. Run: npm run bench:backup (needs Docker).
import '../integration/support/setup.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '../test/support/temp-dir.js';
import {
  buildDummyImage,
  dummyRepo,
  removeDummyImages,
  startDummy,
} from '../integration/support/data-dummy.js';
import { postJson } from '../integration/support/daemon-process.js';
import {
  psql,
  removeContainersNamed,
  startExecuteDaemon,
} from '../integration/support/upgrade-harness.js';
import { median } from './median.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const targetBytes = Number(process.env.BENCH_DB_BYTES ?? 1.1 * 1024 ** 3);
const name = 'payram-bench-backup';

async function fill(): Promise<number> {
  // Owned by the application's role, like Payram's own tables, so its pg_dump can read it.
  const rowBytes = 330;
  const rows = Math.ceil(targetBytes / rowBytes);
  await psql(
    name,
    `SET ROLE payram; CREATE TABLE bulk AS SELECT g AS id, md5(g::text) || repeat(md5(random()::text), 8) AS payload FROM generate_series(1, ${rows}) g;`,
  );
  return Number(await psql(name, 'SELECT pg_database_size(current_database())'));
}

async function byHand(password: string, file: string): Promise<number> {
  const started = performance.now();
  const child = spawn(
    'sh',
    [
      '-c',
      `docker exec -e PGPASSWORD ${name} pg_dump -Fc -h 127.0.0.1 -U payram payram > '${file}'`,
    ],
    {
      env: { ...process.env, PGPASSWORD: password },
      stdio: 'inherit',
    },
  );
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`pg_dump by hand exited ${code}`);
  return performance.now() - started;
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function withUpdater(
  url: string,
  pid: number,
): Promise<{ ms: number; growthMb: number; path: string }> {
  const baseline = await rssKb(pid);
  let peak = baseline;
  const sampling = setInterval(() => {
    void rssKb(pid).then((kb) => (peak = Math.max(peak, kb)));
  }, 100);
  const started = performance.now();
  const { status, body } = await postJson(`${url}/backups`, {});
  const ms = performance.now() - started;
  clearInterval(sampling);
  if (status !== 201) throw new Error(`POST /backups answered ${status}: ${JSON.stringify(body)}`);
  return { ms, growthMb: (peak - baseline) / 1024, path: (body.backup as { path: string }).path };
}

async function main(): Promise<void> {
  await buildDummyImage('1.7.8');
  const dir = await makeTempDir();
  try {
    const payram = await startDummy({
      image: `${dummyRepo}:1.7.8`,
      name,
      dataDir: join(dir.path, 'pg'),
    });
    const size = await fill();
    console.log(`database size: ${(size / 1024 ** 3).toFixed(2)} GiB`);
    const daemon = await startExecuteDaemon(dir.path, name, {
      BACKUP_DIR: join(dir.path, 'backups'),
      BACKUP_RETENTION: '1',
    });
    const pid = daemon.child.pid ?? 0;
    const ratios: number[] = [];
    const growths: number[] = [];
    console.log('round  by hand s  updater s  ratio  daemon RSS growth MB  dump MB');
    try {
      for (let round = 1; round <= rounds; round += 1) {
        const file = join(dir.path, 'by-hand.dump');
        const hand = await byHand(payram.password, file);
        await rm(file);
        const updater = await withUpdater(daemon.url, pid);
        const dumpMb = (await stat(updater.path)).size / 1024 ** 2;
        ratios.push(updater.ms / hand);
        growths.push(updater.growthMb);
        console.log(
          `${String(round).padStart(5)}  ${(hand / 1000).toFixed(1).padStart(9)}  ${(updater.ms / 1000).toFixed(1).padStart(9)}  ${(updater.ms / hand).toFixed(2).padStart(5)}  ${updater.growthMb.toFixed(1).padStart(20)}  ${dumpMb.toFixed(0).padStart(7)}`,
        );
      }
    } finally {
      await daemon.kill('SIGKILL');
    }
    const ratio = median(ratios);
    const growth = Math.max(...growths);
    console.log(
      `median time ratio updater/by hand: ${ratio.toFixed(2)} (target ≤ 1.1); largest RSS growth ${growth.toFixed(1)} MB (target < 30)`,
    );
    process.exitCode = ratio <= 1.1 && growth < 30 ? 0 : 1;
  } finally {
    await removeContainersNamed(name);
    await dir.remove();
    await removeDummyImages();
  }
}

await main();
