import { expect } from 'chai';
import { readFileSync } from 'node:fs';

import type { Blocker, BlockerKind } from '../../src/policy/breakpoints.js';
import { withHighestReachable, dashboardRefusal } from '../../src/policy/messages.js';
import type { ObservedVersion, PlanDecision, PlanInput } from '../../src/policy/plan-upgrade.js';
import { planUpgrade } from '../../src/policy/plan-upgrade.js';
import type { Breakpoint, Policy } from '../../src/policy/types.js';
import type { FailureCode } from '../../src/shared/failure-codes.js';

/** The snake_case document Payram publishes, mapped by hand so the tests need no src/remote. */
interface PolicyJson {
  latest?: string;
  releases: string[];
  breakpoints?: Breakpoint[];
  stop_points?: Breakpoint[];
  dashboard_max?: string;
  updater_api_init_version?: string;
}

export function loadPolicy(relativeToThisFile: string): Policy {
  const text = readFileSync(new URL(relativeToThisFile, import.meta.url), 'utf8');
  const json = JSON.parse(text) as PolicyJson;
  return {
    releases: json.releases,
    breakpoints: json.breakpoints ?? [],
    stopPoints: json.stop_points ?? [],
    ...(json.latest === undefined ? {} : { latest: json.latest }),
    ...(json.dashboard_max === undefined ? {} : { dashboardMax: json.dashboard_max }),
    ...(json.updater_api_init_version === undefined
      ? {}
      : { updaterApiInitVersion: json.updater_api_init_version }),
  };
}

export const bp180: Breakpoint = {
  version: '1.8.0',
  reason: 'Breaking change: manual step required before 1.8.0',
  docs: 'https://docs.example.com/payram/upgrade-to-1.8.0',
};

export const bp1100: Breakpoint = {
  version: '1.10.0',
  reason: 'Breaking database migration: run the manual migration guide before 1.10.0',
  docs: 'https://docs.example.com/payram/migration-guide-1.10.0',
};

export const tenReleases: Policy = {
  latest: '1.12.0',
  releases: [
    ...['1.12.0', '1.11.0', '1.10.1', '1.10.0', '1.9.1'],
    ...['1.9.0', '1.8.1', '1.8.0', '1.7.9', '1.7.8'],
  ],
  breakpoints: [bp180, bp1100],
  stopPoints: [],
  dashboardMax: '1.12.0',
  updaterApiInitVersion: '1.7.0',
};

export function blocker(breakpoint: Breakpoint, kind: BlockerKind = 'breakpoint'): Blocker {
  return { kind, version: breakpoint.version.replace(/^v/, ''), breakpoint };
}

export function observed(version: string): ObservedVersion {
  return { version, source: 'core' };
}

export function hinted(version: string): ObservedVersion {
  return { version, source: 'hint' };
}

/** A dry-run dashboard plan to `latest` under the ten-release policy, changed by `input`. */
export function planInput(input: Partial<PlanInput>): PlanInput {
  return {
    mode: 'DASHBOARD',
    requestedTarget: 'latest',
    policy: tenReleases,
    current: undefined,
    executionMode: 'dry-run',
    ...input,
  };
}

export interface Expected {
  target: string | undefined;
  highest: string | undefined;
  inTheWay?: Breakpoint[];
  warnings?: string[];
}

export function accepted(e: Expected): PlanDecision {
  return { ok: true, ...outcome(e) };
}

export function failed(code: FailureCode, message: string, e: Expected): PlanDecision {
  return { ok: false, code, message, ...outcome(e) };
}

/** A dashboard refusal whose message ends by naming the highest reachable release, if any. */
export function refused(code: FailureCode, reason: string, e: Expected & { target: string }) {
  const message = withHighestReachable(dashboardRefusal(e.target, reason), e.highest);
  return failed(code, message, e);
}

function outcome(e: Expected) {
  return {
    target: e.target,
    breakpointsInTheWay: e.inTheWay ?? [],
    highestDashboardTarget: e.highest,
    warnings: e.warnings ?? [],
  };
}

export interface PlanRow {
  name: string;
  input: Partial<PlanInput>;
  expected: PlanDecision;
}

/** One mocha case per row: plan the input, compare the whole decision. */
export function runTable(rows: readonly PlanRow[]): void {
  for (const { name, input, expected } of rows) {
    it(name, () => {
      const decision = planUpgrade(planInput(input));

      expect(decision).to.deep.equal(expected);
    });
  }
}
