import type { FailureCode } from '../shared/failure-codes.js';
import type { Blocker } from './breakpoints.js';
import { blockersInTheWay, collectBlockers, highestDashboardTarget } from './breakpoints.js';
import * as say from './messages.js';
import type { Breakpoint, Policy, UpgradeMode } from './types.js';
import { parseVersion } from './versions.js';

export type VersionSource = 'core' | 'label' | 'tag' | 'hint';

export interface ObservedVersion {
  version: string;
  source: VersionSource;
}

export interface PlanInput {
  mode: UpgradeMode;
  /** `latest` or a tag the caller already checked with isValidTag. */
  requestedTarget: string;
  /** Undefined when the fetch failed, which only MANUAL mode gets past. */
  policy: Policy | undefined;
  policyError?: { code: 'POLICY_FETCH_FAILED' | 'POLICY_INVALID_JSON'; message: string };
  current: ObservedVersion | undefined;
  executionMode: 'dry-run' | 'execute';
}

export interface PlanOutcome {
  target: string | undefined;
  /** Breakpoints and stop points equal to the target or strictly between current and target. */
  breakpointsInTheWay: Breakpoint[];
  highestDashboardTarget: string | undefined;
  warnings: string[];
}

export type PlanDecision =
  ({ ok: true } & PlanOutcome) | ({ ok: false; code: FailureCode; message: string } & PlanOutcome);

/** What every check reads; `warnings` grows as the checks run, in the order they ran. */
export interface Plan {
  input: PlanInput;
  blockers: Blocker[];
  /** Normalized semver, or undefined when unknown or not semver. */
  current: string | undefined;
  highest: string | undefined;
  warnings: string[];
}

export function startPlan(input: PlanInput, warnings: string[]): Plan {
  const { policy } = input;
  const current = observeCurrent(input.current, warnings);
  const blockers = collectBlockers(policy);

  // A policy with an unreadable safety field cannot say how far the dashboard may go.
  const sound = policy !== undefined && malformedPolicyFields(policy).length === 0;
  const dashboardMax =
    policy?.dashboardMax === undefined ? undefined : parseVersion(policy.dashboardMax);
  const highest = sound
    ? highestDashboardTarget({ releases: policy.releases, blockers, current, dashboardMax })
    : undefined;

  return { input, blockers, current, highest, warnings };
}

function observeCurrent(
  observed: ObservedVersion | undefined,
  warnings: string[],
): string | undefined {
  if (observed === undefined) return undefined;

  const version = parseVersion(observed.version);
  if (version === undefined) warnings.push(say.currentNotSemverWarning(observed.version));
  else if (observed.source === 'hint') warnings.push(say.currentFromHintWarning(version));
  return version;
}

interface PolicyField {
  field: string;
  value: string;
}

/** Fields that decide what the dashboard may do; one that is not semver must not pass silently. */
export function malformedPolicyFields(policy: Policy): PolicyField[] {
  const fields: { field: string; value: string | undefined }[] = [
    { field: 'latest', value: policy.latest },
    { field: 'dashboard_max', value: policy.dashboardMax },
    ...policy.breakpoints.map((b, i) => ({ field: `breakpoints[${i}].version`, value: b.version })),
    ...policy.stopPoints.map((b, i) => ({ field: `stop_points[${i}].version`, value: b.version })),
  ];
  return fields.flatMap(({ field, value }) =>
    value === undefined || parseVersion(value) !== undefined ? [] : [{ field, value }],
  );
}

export function malformedWarnings(policy: Policy): string[] {
  return malformedPolicyFields(policy).map((f) => say.malformedPolicyWarning(f.field, f.value));
}

export function policyIgnoredWarning(input: PlanInput): string {
  return say.policyIgnoredWarning(policyErrorCode(input), policyDetail(input));
}

export function policyDetail(input: PlanInput): string {
  return input.policyError?.message ?? say.policyMissingDetail;
}

export function policyErrorCode(input: PlanInput): FailureCode {
  return input.policyError?.code ?? 'POLICY_FETCH_FAILED';
}

function outcome(plan: Plan, target: string | undefined): PlanOutcome {
  const version = target === undefined ? undefined : parseVersion(target);
  const inTheWay =
    version === undefined ? [] : blockersInTheWay(plan.blockers, plan.current, version);
  return {
    target,
    breakpointsInTheWay: inTheWay.map((b) => b.breakpoint),
    highestDashboardTarget: plan.highest,
    warnings: [...plan.warnings],
  };
}

export function succeed(plan: Plan, target: string): PlanDecision {
  return { ok: true, ...outcome(plan, target) };
}

export function fail(
  plan: Plan,
  target: string | undefined,
  code: FailureCode,
  message: string,
): PlanDecision {
  return { ok: false, code, message, ...outcome(plan, target) };
}

/** A policy refusal: the dashboard message, plus where the dashboard could go instead. */
export function refuse(
  plan: Plan,
  target: string,
  code: FailureCode,
  reason: string,
): PlanDecision {
  const message = say.withHighestReachable(say.dashboardRefusal(target, reason), plan.highest);
  return fail(plan, target, code, message);
}
