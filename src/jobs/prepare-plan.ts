import { planUpgrade, type ObservedVersion, type PlanDecision } from '../policy/plan-upgrade.js';
import type { Manifest, Policy, UpgradeMode } from '../policy/types.js';
import type { FailureCode } from '../shared/failure-codes.js';
import { isUpdaterError } from '../shared/updater-error.js';
import type { ExecutionMode } from './job.js';
import type { DocumentSource, TargetInspector, TargetObservation } from './ports.js';
import { describePlan, type UpgradePlan } from './upgrade-plan.js';

export interface UpgradeRequest {
  mode: UpgradeMode;
  requestedTarget: string;
  /** What the client believes runs now; never overrides what is observed. */
  currentVersionHint: string | undefined;
}

export interface PlanningDeps {
  documents: DocumentSource;
  inspector: TargetInspector;
  executionMode: ExecutionMode;
  imageRepoOverride: string | undefined;
}

/** Lets a job record its phases and log lines while the plan is being prepared. */
export interface PlanningObserver {
  enterManifestPhase(): Promise<void>;
  warn(message: string): Promise<void>;
}

const silent: PlanningObserver = { enterManifestPhase: async () => {}, warn: async () => {} };

/** The plan, and the documents it was made from, which execution needs again. */
export interface PreparedPlan {
  plan: UpgradePlan;
  policy: Policy | undefined;
  manifest: Manifest | undefined;
}

export async function preparePlan(
  deps: PlanningDeps,
  request: UpgradeRequest,
  observer: PlanningObserver = silent,
): Promise<PreparedPlan> {
  const warnings: string[] = [];
  const policy = await fetchPolicy(deps, request.mode);
  if (policy.failure !== undefined && request.mode === 'DASHBOARD') {
    return bare(refused(deps, request, policy.failure));
  }
  if (policy.failure !== undefined) {
    const warning = `Policy unavailable, continuing in MANUAL mode: ${policy.failure.message}`;
    warnings.push(warning);
    await observer.warn(warning);
  }

  await observer.enterManifestPhase();
  const manifest = await fetchManifest(deps);
  if ('failure' in manifest) {
    return { ...bare(refused(deps, request, manifest.failure, warnings)), policy: policy.value };
  }

  const imageRepo = deps.imageRepoOverride ?? manifest.value.image.repo;
  const observation = await deps.inspector.observe(imageRepo);
  const hint = hintOf(request);
  const decision = planUpgrade({
    mode: request.mode,
    requestedTarget: request.requestedTarget,
    policy: policy.value,
    ...(policy.failure === undefined ? {} : { policyError: policy.failure }),
    current: observedVersion(observation) ?? hint,
    executionMode: deps.executionMode,
  });
  const plan = describePlan({
    ...base(deps, request),
    imageRepo,
    healthEndpoint: manifest.value.healthCheck.endpoint,
    observation,
    hint,
    decision: refuseMissingContainer(decision, observation, deps.executionMode),
    warnings,
  });
  return { plan, policy: policy.value, manifest: manifest.value };
}

function bare(plan: UpgradePlan): PreparedPlan {
  return { plan, policy: undefined, manifest: undefined };
}

interface Failure<C extends FailureCode> {
  code: C;
  message: string;
}

type PolicyFailure = Failure<'POLICY_FETCH_FAILED' | 'POLICY_INVALID_JSON'>;

async function fetchPolicy(
  deps: PlanningDeps,
  mode: UpgradeMode,
): Promise<{ value: Policy | undefined; failure?: PolicyFailure }> {
  try {
    return { value: await deps.documents.loadPolicy() };
  } catch (error) {
    const code = isUpdaterError(error) ? error.code : undefined;
    if (code !== 'POLICY_FETCH_FAILED' && code !== 'POLICY_INVALID_JSON') throw error;
    const message = (error as Error).message;
    return { value: undefined, failure: { code, message: withMode(message, mode) } };
  }
}

function withMode(message: string, mode: UpgradeMode): string {
  return mode === 'DASHBOARD'
    ? `${message} (the policy is required for dashboard upgrades)`
    : message;
}

async function fetchManifest(
  deps: PlanningDeps,
): Promise<{ value: Manifest } | { failure: Failure<FailureCode> }> {
  try {
    return { value: await deps.documents.loadManifest() };
  } catch (error) {
    if (!isUpdaterError(error)) throw error;
    if (error.code !== 'MANIFEST_FETCH_FAILED' && error.code !== 'MANIFEST_INVALID_JSON') {
      throw error;
    }
    return { failure: { code: error.code, message: error.message } };
  }
}

function observedVersion(observation: TargetObservation): ObservedVersion | undefined {
  return observation.kind === 'found' ? observation.version : undefined;
}

function hintOf(request: UpgradeRequest): ObservedVersion | undefined {
  const hint = request.currentVersionHint;
  return hint === undefined || hint === '' ? undefined : { version: hint, source: 'hint' };
}

function refuseMissingContainer(
  decision: PlanDecision,
  observation: TargetObservation,
  executionMode: ExecutionMode,
): PlanDecision {
  if (!decision.ok || executionMode !== 'execute') return decision;
  if (observation.kind === 'found' || observation.kind === 'skipped') return decision;
  const message = `No Payram container to upgrade: ${observation.reason}`;
  return { ...decision, ok: false, code: 'CONTAINER_NOT_FOUND', message };
}

function base(deps: PlanningDeps, request: UpgradeRequest) {
  return {
    mode: request.mode,
    requestedTarget: request.requestedTarget,
    executionMode: deps.executionMode,
  };
}

function refused(
  deps: PlanningDeps,
  request: UpgradeRequest,
  failure: Failure<FailureCode>,
  warnings: readonly string[] = [],
): UpgradePlan {
  const decision: PlanDecision = {
    ok: false,
    code: failure.code,
    message: failure.message,
    target: undefined,
    breakpointsInTheWay: [],
    highestDashboardTarget: undefined,
    warnings: [],
  };
  return describePlan({
    ...base(deps, request),
    imageRepo: undefined,
    healthEndpoint: undefined,
    observation: { kind: 'skipped' },
    hint: hintOf(request),
    decision,
    warnings,
  });
}
