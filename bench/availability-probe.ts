/**
 * Polls a URL every few milliseconds and reports the longest stretch without a healthy answer:
 * the downtime a client would have seen, measured the same way for every contender.
 */
export interface AvailabilityProbe {
  stop(): Promise<{ longestGapMs: number; samples: number }>;
}

export function probeAvailability(url: string, intervalMs = 20): AvailabilityProbe {
  const state = { running: true };
  let lastOk = performance.now();
  let longestGapMs = 0;
  let samples = 0;
  const loop = (async () => {
    while (state.running) {
      const ok = await fetch(url, { signal: AbortSignal.timeout(500) }).then(
        (res) => res.ok,
        () => false,
      );
      samples += 1;
      const now = performance.now();
      if (ok) {
        longestGapMs = Math.max(longestGapMs, now - lastOk);
        lastOk = now;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      state.running = false;
      await loop;
      return { longestGapMs, samples };
    },
  };
}
