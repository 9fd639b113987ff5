import { parseVersion } from '../policy/versions.js';
import type { Clock } from '../shared/clock.js';
import type { FailureCode } from '../shared/failure-codes.js';
import type { ContainerRuntime, CoreProbe, Sleep } from './ports.js';

export interface VerifyTarget {
  containerId: string;
  coreBaseUrl: string;
  healthEndpoint: string;
  expectedVersion: string;
  /** Cores without /api/v1: health is the root page, version the image label. */
  legacyCore: boolean;
  imageVersionLabel: string | undefined;
}

export interface VerifyDeps {
  runtime: ContainerRuntime;
  probe: CoreProbe;
  clock: Clock;
  sleep: Sleep;
  timeoutMs: number;
  intervalMs: number;
  log: (message: string) => Promise<void>;
}

export type VerifyResult =
  | { ok: true; healthyAt: Date }
  | { ok: false; code: FailureCode; message: string; healthyAt: Date | undefined };

/** Running, healthy, the expected version, migrations complete: each within one time budget. */
export async function verifyUpgrade(deps: VerifyDeps, target: VerifyTarget): Promise<VerifyResult> {
  const deadline = deps.clock.now().getTime() + deps.timeoutMs;
  const health = await waitHealthy(deps, target, deadline);
  if (!health.ok) return { ...health, healthyAt: undefined };
  const healthyAt = deps.clock.now();
  await deps.log(`Healthy at ${target.coreBaseUrl}${healthEndpointOf(target)}`);

  const version = await checkVersion(deps, target);
  if (version !== undefined) return { ok: false, ...version, healthyAt };
  const migrations = await waitMigrations(deps, target, deadline);
  if (migrations !== undefined) return { ok: false, ...migrations, healthyAt };
  return { ok: true, healthyAt };
}

type Problem = { code: FailureCode; message: string };

function healthEndpointOf(target: VerifyTarget): string {
  return target.legacyCore ? '/' : target.healthEndpoint;
}

async function waitHealthy(
  deps: VerifyDeps,
  target: VerifyTarget,
  deadline: number,
): Promise<{ ok: true } | ({ ok: false } & Problem)> {
  let last: string;
  for (let attempt = 1; ; attempt += 1) {
    const container = await deps.runtime.inspectContainer(target.containerId);
    if (container === undefined || (!container.running && container.status !== 'restarting')) {
      const state = container === undefined ? 'is gone' : `is ${container.status}`;
      return { ok: false, code: 'HEALTHCHECK_FAILED', message: `The new container ${state}` };
    }
    const answer = await deps.probe.health(target.coreBaseUrl, healthEndpointOf(target));
    if (answer.ok) return { ok: true };
    last = answer.detail;
    if (deps.clock.now().getTime() + deps.intervalMs > deadline) break;
    if (attempt % 10 === 1) await deps.log(`Waiting for health (attempt ${attempt}): ${last}`);
    await deps.sleep(deps.intervalMs);
  }
  const seconds = Math.round(deps.timeoutMs / 1000);
  return {
    ok: false,
    code: 'HEALTHCHECK_FAILED',
    message: `Not healthy within ${seconds} s: ${last}`,
  };
}

async function checkVersion(deps: VerifyDeps, target: VerifyTarget): Promise<Problem | undefined> {
  const reported = target.legacyCore
    ? target.imageVersionLabel
    : ((await deps.probe.version(target.coreBaseUrl)) ?? target.imageVersionLabel);
  if (reported !== undefined && sameVersion(reported, target.expectedVersion)) {
    await deps.log(`Version ${reported} confirmed`);
    return undefined;
  }
  const seen = reported ?? 'nothing';
  return {
    code: 'VERSION_MISMATCH',
    message: `Expected version ${target.expectedVersion}, the new container reports ${seen}`,
  };
}

function sameVersion(a: string, b: string): boolean {
  const [pa, pb] = [parseVersion(a), parseVersion(b)];
  return pa !== undefined && pb !== undefined ? pa === pb : a === b;
}

async function waitMigrations(
  deps: VerifyDeps,
  target: VerifyTarget,
  deadline: number,
): Promise<Problem | undefined> {
  if (target.legacyCore) return undefined;
  for (;;) {
    const status = await deps.probe.migrations(target.coreBaseUrl);
    if (status === undefined) {
      await deps.log('The core does not report migrations; skipping that check');
      return undefined;
    }
    if (status.state === 'complete') {
      await deps.log('Migrations complete');
      return undefined;
    }
    if (status.state === 'failed') {
      return { code: 'MIGRATION_FAILED', message: `Migrations failed: ${status.detail}` };
    }
    if (deps.clock.now().getTime() + deps.intervalMs > deadline) {
      // Still running: rolling back under a running migration is worse than waiting for a person.
      return {
        code: 'MIGRATION_FAILED',
        message: `Migrations still running at the deadline: ${status.detail}`,
      };
    }
    await deps.sleep(deps.intervalMs);
  }
}
