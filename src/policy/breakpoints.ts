import semver from 'semver';

import type { Breakpoint, Policy } from './types.js';
import { highestVersion, parseVersion } from './versions.js';

export type BlockerKind = 'breakpoint' | 'stop point';

/** A breakpoint or stop point whose version parsed; `version` is normalized. */
export interface Blocker {
  kind: BlockerKind;
  version: string;
  breakpoint: Breakpoint;
}

/** Breakpoints then stop points, ascending; entries that are not semver are left out. */
export function collectBlockers(policy: Policy | undefined): Blocker[] {
  if (policy === undefined) return [];
  const all = [
    ...toBlockers('breakpoint', policy.breakpoints),
    ...toBlockers('stop point', policy.stopPoints),
  ];
  // Array.prototype.sort is stable, so a breakpoint stays before a stop point of the same version.
  return all.sort((a, b) => semver.compare(a.version, b.version));
}

export function exactBlocker(blockers: readonly Blocker[], target: string): Blocker | undefined {
  return blockers.find((b) => semver.eq(b.version, target));
}

/** Blockers strictly between `from` and `to`, in either direction, ascending. */
export function blockersBetween(blockers: readonly Blocker[], from: string, to: string): Blocker[] {
  const [low, high] = semver.lte(from, to) ? [from, to] : [to, from];
  return blockers.filter((b) => semver.gt(b.version, low) && semver.lt(b.version, high));
}

/** Blockers equal to the target or, when current is known, strictly between it and the target. */
export function blockersInTheWay(
  blockers: readonly Blocker[],
  current: string | undefined,
  target: string,
): Blocker[] {
  const between = current === undefined ? [] : blockersBetween(blockers, current, target);
  return blockers.filter((b) => between.includes(b) || semver.eq(b.version, target));
}

export function blockersBelow(blockers: readonly Blocker[], target: string): Blocker[] {
  return blockers.filter((b) => semver.lt(b.version, target));
}

interface Reach {
  releases: readonly string[];
  blockers: readonly Blocker[];
  current: string | undefined;
  dashboardMax: string | undefined;
}

/** The highest published release a dashboard upgrade from `current` may go to, as published. */
export function highestDashboardTarget(reach: Reach): string | undefined {
  const reachable = reach.releases.filter((raw) => {
    const version = parseVersion(raw);
    return version !== undefined && isReachable(reach, version);
  });
  return highestVersion(reachable);
}

function isReachable(reach: Reach, release: string): boolean {
  const { blockers, current, dashboardMax } = reach;
  if (dashboardMax !== undefined && semver.gt(release, dashboardMax)) return false;

  // Unknown current: only releases below every blocker are safe whatever is running.
  if (current === undefined) return blockers.every((b) => semver.lt(release, b.version));

  if (semver.lte(release, current)) return false;
  return blockers.every((b) => semver.lte(b.version, current) || semver.gt(b.version, release));
}

function toBlockers(kind: BlockerKind, breakpoints: readonly Breakpoint[]): Blocker[] {
  return breakpoints.flatMap((breakpoint) => {
    const version = parseVersion(breakpoint.version);
    return version === undefined ? [] : [{ kind, version, breakpoint }];
  });
}
