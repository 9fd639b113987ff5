import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { createLog } from './log.js';

// A second application program, so a backup has something to stop besides the core.
const log = createLog('payram-worker');
const intervalMs = 30_000;

let ticks = 0;
log.info('started');
const timer = setInterval(() => {
  ticks += 1;
  log.info(`poll ${ticks}: no pending payouts`);
}, intervalMs);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    clearInterval(timer);
    log.info(`${signal} received, stopping`);
  });
}
