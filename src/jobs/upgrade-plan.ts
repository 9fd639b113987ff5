import type { Breakpoint, UpgradeMode } from '../policy/types.js';
import type { ObservedVersion, PlanDecision, VersionSource } from '../policy/plan-upgrade.js';
import type { FailureCode } from '../shared/failure-codes.js';
import type { ExecutionMode } from './job.js';
import type { TargetObservation } from './ports.js';

/** Everything a plan shows: what would happen, to what, and what stands in the way. */
export interface UpgradePlan {
  allowed: boolean;
  mode: UpgradeMode;
  requestedTarget: string;
  resolvedTarget: string | undefined;
  image: string | undefined;
  container: string | undefined;
  currentVersion: string | undefined;
  currentVersionSource: VersionSource | undefined;
  executionMode: ExecutionMode;
  breakpointsInTheWay: Breakpoint[];
  highestDashboardTarget: string | undefined;
  warnings: string[];
  steps: string[];
  errorCode: FailureCode | undefined;
  errorMessage: string | undefined;
}

export interface PlanContext {
  mode: UpgradeMode;
  requestedTarget: string;
  executionMode: ExecutionMode;
  imageRepo: string | undefined;
  healthEndpoint: string | undefined;
  observation: TargetObservation;
  /** The client's claim of the current version, used only when nothing is observed. */
  hint: ObservedVersion | undefined;
  decision: PlanDecision;
  /** Warnings gathered before the decision, such as a policy ignored in MANUAL mode. */
  warnings: readonly string[];
}

export function describePlan(context: PlanContext): UpgradePlan {
  const { decision, observation } = context;
  const container = observation.kind === 'found' ? observation.container.name : undefined;
  const image =
    context.imageRepo !== undefined && decision.target !== undefined
      ? `${context.imageRepo}:${decision.target}`
      : undefined;
  const current = currentVersionOf(context);
  return {
    allowed: decision.ok,
    mode: context.mode,
    requestedTarget: context.requestedTarget,
    resolvedTarget: decision.target,
    image,
    container,
    currentVersion: current?.version,
    currentVersionSource: current?.source,
    executionMode: context.executionMode,
    breakpointsInTheWay: decision.breakpointsInTheWay,
    highestDashboardTarget: decision.highestDashboardTarget,
    warnings: [...context.warnings, ...observationWarnings(context), ...decision.warnings],
    steps: decision.ok ? planSteps(context, image, container) : [],
    errorCode: decision.ok ? undefined : decision.code,
    errorMessage: decision.ok ? undefined : decision.message,
  };
}

function currentVersionOf(context: PlanContext): ObservedVersion | undefined {
  const observed = context.observation.kind === 'found' ? context.observation.version : undefined;
  return observed ?? context.hint;
}

function observationWarnings(context: PlanContext): string[] {
  const { observation, executionMode } = context;
  if (observation.kind === 'found' || observation.kind === 'skipped') return [];
  const consequence =
    executionMode === 'execute'
      ? 'an execute-mode run refuses with CONTAINER_NOT_FOUND'
      : 'an execute-mode run would refuse with CONTAINER_NOT_FOUND';
  return [`No Payram container was found (${observation.reason}); ${consequence}.`];
}

function planSteps(context: PlanContext, image?: string, container?: string): string[] {
  const name = container ?? '<payram container>';
  const health = context.healthEndpoint ?? '/api/v1/health';
  return [
    `Pull ${image ?? 'the target image'} before touching anything`,
    `Stop the application programs in ${name} except the database, and back the database up with pg_dump -Fc`,
    `Create the new container from the inspected spec of ${name} plus the manifest overlay`,
    `Stop ${name}, rename it aside, start the new container as ${name}`,
    `Verify: running, health at ${health}, version ${context.decision.target ?? '?'}, migrations complete`,
    `Remove the old container and prune old images; on any failure put ${name} back`,
  ];
}
