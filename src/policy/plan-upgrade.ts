import semver from 'semver';

import type { Policy } from './types.js';
import { blockersBelow, blockersBetween, blockersInTheWay, exactBlocker } from './breakpoints.js';
import * as say from './messages.js';
import type { Plan, PlanDecision, PlanInput } from './plan-context.js';
import {
  fail,
  malformedPolicyFields,
  malformedWarnings,
  policyDetail,
  policyErrorCode,
  policyIgnoredWarning,
  refuse,
  startPlan,
  succeed,
} from './plan-context.js';
import { latestTarget, publishedRelease, resolveLatest } from './resolve-target.js';
import { parseVersion } from './versions.js';

export type {
  ObservedVersion,
  PlanDecision,
  PlanInput,
  PlanOutcome,
  VersionSource,
} from './plan-context.js';

export function planUpgrade(input: PlanInput): PlanDecision {
  return input.mode === 'DASHBOARD' ? planDashboard(input) : planManual(input);
}

function planDashboard(input: PlanInput): PlanDecision {
  const { policy, requestedTarget } = input;
  const plan = startPlan(input, []);
  const named = requestedTarget === latestTarget ? undefined : requestedTarget;
  if (policy === undefined) {
    const message = say.policyUnavailableMessage(policyDetail(input));
    return fail(plan, named, policyErrorCode(input), message);
  }

  const malformed = malformedPolicyFields(policy)[0];
  if (malformed !== undefined) {
    const message = say.malformedPolicyMessage(malformed.field, malformed.value);
    return fail(plan, named, 'POLICY_INVALID_JSON', message);
  }

  const target =
    named === undefined ? resolveLatest(policy) : (publishedRelease(policy, named) ?? named);
  if (target === undefined) {
    return fail(plan, undefined, 'TARGET_NOT_RELEASED', say.noReleasesMessage());
  }

  return checkDashboardTarget(plan, policy, target) ?? succeed(plan, target);
}

function planManual(input: PlanInput): PlanDecision {
  const { policy, requestedTarget } = input;
  const policyWarnings =
    policy === undefined ? [policyIgnoredWarning(input)] : malformedWarnings(policy);
  const plan = startPlan(input, policyWarnings);
  if (requestedTarget !== latestTarget) return warnManualTarget(plan, requestedTarget);

  if (policy === undefined) {
    const message = say.latestWithoutPolicyMessage(policyDetail(input));
    return fail(plan, undefined, policyErrorCode(input), message);
  }
  const target = resolveLatest(policy);
  if (target === undefined) {
    return fail(plan, undefined, 'TARGET_NOT_RELEASED', say.noReleasesMessage());
  }

  return warnManualTarget(plan, target);
}

/** Order matters: release and format, dashboard_max, the running version, then blockers. */
function checkDashboardTarget(
  plan: Plan,
  policy: Policy,
  target: string,
): PlanDecision | undefined {
  const version = parseVersion(target);
  if (version === undefined || publishedRelease(policy, version) === undefined) {
    return refuse(plan, target, 'TARGET_NOT_RELEASED', say.notReleasedReason(target));
  }

  const max = policy.dashboardMax === undefined ? undefined : parseVersion(policy.dashboardMax);
  if (max !== undefined && semver.gt(version, max)) {
    const reason = say.aboveDashboardMaxReason(target, policy.dashboardMax ?? max);
    return refuse(plan, target, 'TARGET_ABOVE_DASHBOARD_MAX', reason);
  }

  return checkAgainstCurrent(plan, target, version) ?? checkBlockers(plan, target, version);
}

function checkAgainstCurrent(
  plan: Plan,
  target: string,
  version: string,
): PlanDecision | undefined {
  const { current } = plan;
  if (current === undefined) return undefined;

  if (semver.lt(version, current)) {
    return refuse(plan, target, 'DOWNGRADE_NOT_ALLOWED', say.downgradeReason(current));
  }
  if (semver.eq(version, current)) {
    const message = say.withHighestReachable(say.alreadyOnTargetMessage(target), plan.highest);
    return fail(plan, target, 'ALREADY_ON_TARGET', message);
  }
  return undefined;
}

function checkBlockers(plan: Plan, target: string, version: string): PlanDecision | undefined {
  const exact = exactBlocker(plan.blockers, version);
  if (exact !== undefined) {
    return refuse(plan, target, 'MANUAL_UPGRADE_REQUIRED', say.blockerReason(exact));
  }

  const { current } = plan;
  if (current === undefined) return checkUnknownCurrent(plan, target, version);

  const crossed = blockersBetween(plan.blockers, current, version)[0];
  if (crossed === undefined) return undefined;
  return refuse(plan, target, 'MANUAL_UPGRADE_REQUIRED', say.crossingReason(current, crossed));
}

function checkUnknownCurrent(
  plan: Plan,
  target: string,
  version: string,
): PlanDecision | undefined {
  warnCrossingUnchecked(plan, target, version);
  if (plan.input.executionMode === 'execute') {
    return fail(plan, target, 'CURRENT_VERSION_UNKNOWN', say.currentUnknownMessage(target));
  }

  plan.warnings.push(say.executeWouldRefuseWarning());
  return undefined;
}

/** MANUAL never refuses a valid tag; it says what the dashboard would have checked. */
function warnManualTarget(plan: Plan, target: string): PlanDecision {
  const version = parseVersion(target);
  const { current, warnings } = plan;
  if (version === undefined) {
    warnings.push(say.targetNotSemverWarning(target));
    return succeed(plan, target);
  }

  const { policy } = plan.input;
  if (policy !== undefined && publishedRelease(policy, version) === undefined) {
    warnings.push(say.targetNotReleasedWarning(target));
  }
  if (current !== undefined && semver.lt(version, current)) {
    warnings.push(say.downgradeWarning(current, target));
  }
  if (current !== undefined && semver.eq(version, current)) {
    warnings.push(say.sameVersionWarning(target));
  }

  for (const blocker of blockersInTheWay(plan.blockers, current, version)) {
    warnings.push(say.blockerIgnoredWarning(blocker));
  }
  if (current === undefined) warnCrossingUnchecked(plan, target, version);
  return succeed(plan, target);
}

function warnCrossingUnchecked(plan: Plan, target: string, version: string): void {
  const below = blockersBelow(plan.blockers, version);
  if (below.length > 0) plan.warnings.push(say.crossingUncheckedWarning(target, below));
}
