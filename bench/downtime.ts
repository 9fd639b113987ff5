// Upgrade downtime: payram-updater against the hand-run minimum (stop the old container, start
// a pre-created new one, poll health tightly), both seen by the same external probe.
// Run: npm run bench:downtime (needs the Docker engine: ../shared/docker/provision.sh).
import '../integration/support/setup.js';
import { join } from 'node:path';
import Docker from 'dockerode';
import { makeTempDir } from '../test/support/temp-dir.js';
import {
  buildDummyImage,
  dummyRepo,
  removeDummyImages,
  startDummy,
  waitForHttp,
} from '../integration/support/data-dummy.js';
import {
  removeContainersNamed,
  requestUpgrade,
  startExecuteDaemon,
  waitForEnd,
} from '../integration/support/upgrade-harness.js';
import { probeAvailability } from './availability-probe.js';
import { median } from './median.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const target = 1.25;
const docker = new Docker();

async function handRun(round: number): Promise<number> {
  const dir = await makeTempDir();
  const name = `payram-bench-base-${round}`;
  try {
    const old = await startDummy({
      image: `${dummyRepo}:1.7.8`,
      name,
      dataDir: join(dir.path, 'pg'),
    });
    const inspect = await docker.getContainer(old.id).inspect();
    const next = await docker.createContainer({
      name: `${name}-next`,
      Image: `${dummyRepo}:1.7.9`,
      Env: inspect.Config.Env.filter((e) => e.startsWith('POSTGRES_')),
      HostConfig: {
        Binds: inspect.HostConfig.Binds,
        PortBindings: inspect.HostConfig.PortBindings as Docker.PortMap,
      },
    });
    const probe = probeAvailability(`${old.baseUrl}/api/v1/health`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await docker.getContainer(old.id).stop({ t: 30 });
    await next.start();
    await waitForHttp(`${old.baseUrl}/api/v1/health`, (status) => status === 200, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (await probe.stop()).longestGapMs;
  } finally {
    await removeContainersNamed(name);
    await dir.remove();
  }
}

async function withUpdater(round: number): Promise<{ gapMs: number; reportedMs: number }> {
  const dir = await makeTempDir();
  const name = `payram-bench-upd-${round}`;
  const daemon = await startExecuteDaemon(dir.path, name, { VERIFY_INTERVAL_MS: '200' }).catch(
    (e: unknown) => {
      throw e;
    },
  );
  try {
    const old = await startDummy({
      image: `${dummyRepo}:1.7.8`,
      name,
      dataDir: join(dir.path, 'pg'),
    });
    const probe = probeAvailability(`${old.baseUrl}/api/v1/health`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await requestUpgrade(daemon, '1.7.9');
    const job = await waitForEnd(daemon);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { longestGapMs } = await probe.stop();
    if (job.state !== 'READY')
      throw new Error(`upgrade ended ${job.state}: ${String(job.error_message)}`);
    return { gapMs: longestGapMs, reportedMs: Number(job.downtime_ms) };
  } finally {
    await daemon.kill('SIGKILL');
    await removeContainersNamed(name);
    await dir.remove();
  }
}

async function main(): Promise<void> {
  await buildDummyImage('1.7.8');
  await buildDummyImage('1.7.9');
  const ratios: number[] = [];
  console.log('round  hand-run gap ms  updater gap ms  updater-reported ms  ratio');
  for (let round = 1; round <= rounds; round += 1) {
    const base = await handRun(round);
    const updater = await withUpdater(round);
    const ratio = updater.gapMs / base;
    ratios.push(ratio);
    console.log(
      `${String(round).padStart(5)}  ${base.toFixed(0).padStart(15)}  ${updater.gapMs.toFixed(0).padStart(14)}  ${updater.reportedMs.toFixed(0).padStart(19)}  ${ratio.toFixed(2)}`,
    );
  }
  const result = median(ratios);
  console.log(`median ratio updater/hand-run: ${result.toFixed(2)} (target ≤ ${target})`);
  await removeDummyImages();
  process.exitCode = result <= target ? 0 : 1;
}

await main();
