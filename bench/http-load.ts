// HTTP measurements shared by the container benchmark: load with autocannon, time to first answer.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

export interface LoadFigures {
  reqPerSec: number;
  p99Ms: number;
}

/** Any error, timeout or non-2xx answer makes the figures meaningless, so it fails the run. */
export async function loadTest(
  url: string,
  durationS: number,
  connections = 100,
): Promise<LoadFigures> {
  const result = await autocannon({ url, connections, duration: durationS });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(`${url}: ${failed} failed of ${result.requests.total} requests under load`);
  }
  return { reqPerSec: result.requests.average, p99Ms: result.latency.p99 };
}

/** Milliseconds from `since` (a performance.now() reading) to the first 200 from `url`. */
export async function msUntilOk(url: string, since: number, timeoutMs: number): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      async (res) => (await res.arrayBuffer(), res.ok),
      () => false,
    );
    if (ok) return performance.now() - since;
    await sleep(10);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}
