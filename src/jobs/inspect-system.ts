import type { ContainerSnapshot } from '../container/container-snapshot.js';
import { coreBaseUrl } from '../container/core-url.js';
import { planUpgrade, type ObservedVersion } from '../policy/plan-upgrade.js';
import { latestTarget, resolveLatest } from '../policy/resolve-target.js';
import { defaultHealthEndpoint, type Manifest, type Policy } from '../policy/types.js';
import { compareVersions, parseVersion } from '../policy/versions.js';
import type { Clock } from '../shared/clock.js';
import { describeError } from '../shared/updater-error.js';
import {
  assessHealth,
  type ContainerFinding,
  type CoreFinding,
  type HealthAssessment,
  type LeftoverFinding,
  type MigrationFinding,
  type Outcome,
  type Unchecked,
} from './assess-health.js';
import { isTerminal, type Job } from './job.js';
import type {
  ContainerListing,
  ContainerRuntime,
  CoreProbe,
  DocumentSource,
  JobStore,
  MigrationState,
  TargetInspector,
} from './ports.js';

export interface InspectDeps {
  runtime: Pick<ContainerRuntime, 'ping' | 'listContainers' | 'inspectContainer'>;
  probe: CoreProbe;
  inspector: TargetInspector;
  documents: DocumentSource;
  jobs: Pick<JobStore, 'loadCurrent' | 'loadLastFinished'>;
  clock: Clock;
}

export interface InspectSettings {
  imageRepoOverride: string | undefined;
  coreBaseUrlOverride: string | undefined;
  /** Each check gives up after this long: a hung Docker socket must not hang the diagnosis. */
  checkTimeoutMs: number;
}

export interface UpdateInfo {
  currentVersion: string | undefined;
  latestVersion: string | undefined;
  dashboardCanUpgrade: boolean;
  dashboardMaxTarget: string | undefined;
}

export interface SystemInspection extends HealthAssessment {
  checkedAt: string;
  update: UpdateInfo;
  /** Kept whole so the API can render its recovery playbook. */
  lastFinished: Job | undefined;
}

export interface SystemInspector {
  inspect(): Promise<SystemInspection>;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; detail: string };
type Bounded = <T>(work: () => Promise<T>) => Promise<Attempt<T>>;

/** Read-only: every check is bounded in time and a failing one is a finding, never a throw. */
export async function inspectSystem(
  deps: InspectDeps,
  settings: InspectSettings,
): Promise<SystemInspection> {
  const checkedAt = deps.clock.now().toISOString();
  const bounded: Bounded = (work) => attempt(work, settings.checkTimeoutMs);
  const [ping, policy, manifest, jobs] = await Promise.all([
    bounded(() => deps.runtime.ping()),
    bounded(() => deps.documents.loadPolicy()),
    bounded(() => deps.documents.loadManifest()),
    bounded(() => Promise.all([deps.jobs.loadLastFinished(), deps.jobs.loadCurrent()])),
  ]);
  const imageRepo = settings.imageRepoOverride ?? valueOf(manifest)?.image.repo;
  const [target, listing] = await Promise.all([
    observeTarget(deps, bounded, ping, imageRepo),
    ping.ok ? bounded(() => deps.runtime.listContainers()) : undefined,
  ]);
  const core = await probeCore(deps, bounded, settings, target, {
    policy: valueOf(policy),
    manifest: valueOf(manifest),
  });

  const [lastFinished, current] = valueOf(jobs) ?? [undefined, undefined];
  const assessment = assessHealth({
    docker: target.docker,
    container: target.container,
    version: target.version,
    ...core,
    policy: outcomeOf(policy),
    manifest: outcomeOf(manifest),
    jobs: jobs.ok
      ? { kind: 'loaded', lastFinished, current }
      : { kind: 'unreadable', reason: jobs.detail },
    leftovers: leftoversOf(listing, target.container, lastFinished, current),
  });
  return {
    ...assessment,
    checkedAt,
    update: updateInfo(valueOf(policy), target.version),
    lastFinished,
  };
}

/** What the dashboard could do from here, by the same rules that would plan its upgrade. */
export function updateInfo(
  policy: Policy | undefined,
  current: ObservedVersion | undefined,
): UpdateInfo {
  const currentVersion = current?.version;
  if (policy === undefined) {
    const unknown = { latestVersion: undefined, dashboardMaxTarget: undefined };
    return { currentVersion, ...unknown, dashboardCanUpgrade: false };
  }
  const decision = planUpgrade({
    mode: 'DASHBOARD',
    requestedTarget: latestTarget,
    policy,
    current,
    executionMode: 'dry-run',
  });
  // With the running version unknown, an execute-mode dashboard upgrade is refused anyway.
  const max = current === undefined ? undefined : decision.highestDashboardTarget;
  return {
    currentVersion,
    latestVersion: resolveLatest(policy),
    dashboardCanUpgrade: max !== undefined,
    dashboardMaxTarget: max,
  };
}

interface TargetFacts {
  docker: Outcome;
  container: ContainerFinding;
  version: ObservedVersion | undefined;
  snapshot: ContainerSnapshot | undefined;
}

async function observeTarget(
  deps: InspectDeps,
  bounded: Bounded,
  ping: Attempt<void>,
  imageRepo: string | undefined,
): Promise<TargetFacts> {
  const blank = { version: undefined, snapshot: undefined };
  if (!ping.ok) return { ...blank, docker: ping, container: unchecked('Docker is not reachable') };
  const docker: Outcome = { ok: true };
  if (imageRepo === undefined) {
    const reason = 'its image repository comes from the manifest (or IMAGE_REPO_OVERRIDE)';
    return { ...blank, docker, container: unchecked(reason) };
  }

  const observed = await bounded(() => deps.inspector.observe(imageRepo));
  const observation = observed.ok
    ? observed.value
    : { kind: 'unreachable' as const, reason: `listing containers: ${observed.detail}` };
  if (observation.kind === 'unreachable') {
    const failed: Outcome = { ok: false, detail: observation.reason };
    return { ...blank, docker: failed, container: unchecked('Docker is not reachable') };
  }
  if (observation.kind === 'skipped') return { ...blank, docker, container: unchecked('skipped') };
  if (observation.kind === 'not-found') {
    return { ...blank, docker, container: { kind: 'missing', reason: observation.reason } };
  }

  const { name, image, running } = observation.container;
  const snapshot = valueOf(await bounded(() => deps.runtime.inspectContainer(name)));
  const container: ContainerFinding = {
    kind: 'found',
    name,
    image: snapshot?.imageRef ?? image,
    running: snapshot?.running ?? running,
    status: snapshot?.status ?? (running ? 'running' : 'not running'),
    health: snapshot?.health ?? 'none',
  };
  return { docker, container, version: observation.version, snapshot };
}

interface Documents {
  policy: Policy | undefined;
  manifest: Manifest | undefined;
}

async function probeCore(
  deps: InspectDeps,
  bounded: Bounded,
  settings: InspectSettings,
  target: TargetFacts,
  documents: Documents,
): Promise<{ core: CoreFinding; migrations: MigrationFinding }> {
  const { container } = target;
  if (container.kind !== 'found' || !container.running) {
    const reason = container.kind === 'found' ? 'the container is not running' : 'no container';
    return { core: unchecked(reason), migrations: unchecked(reason) };
  }
  const url = coreUrlOf(target.snapshot, settings.coreBaseUrlOverride);
  if (url === undefined) {
    const reason = 'the container publishes no port and CORE_BASE_URL is unset';
    return {
      core: { kind: 'no-url', reason },
      migrations: unchecked('the core cannot be reached'),
    };
  }

  const legacy = predatesApi(target.version, documents.policy);
  const endpoint = legacy
    ? '/'
    : (documents.manifest?.healthCheck.endpoint ?? defaultHealthEndpoint);
  const [health, migrations] = await Promise.all([
    bounded(() => deps.probe.health(url, endpoint)),
    legacy ? undefined : bounded(() => deps.probe.migrations(url)),
  ]);
  const answer = health.ok ? health.value : { ok: false, detail: health.detail };
  return {
    core: { kind: 'probed', url, endpoint, ...answer },
    migrations: migrationsOf(migrations),
  };
}

function migrationsOf(
  answer: Attempt<{ state: MigrationState; detail: string } | undefined> | undefined,
): MigrationFinding {
  if (answer === undefined) {
    return { kind: 'not-reported', reason: 'this core predates the updater API' };
  }
  if (!answer.ok) return unchecked(answer.detail);
  if (answer.value === undefined) {
    return { kind: 'not-reported', reason: 'this core has no migration status' };
  }
  return { kind: 'reported', ...answer.value };
}

function coreUrlOf(snapshot: ContainerSnapshot | undefined, override: string | undefined) {
  const url = coreBaseUrl(snapshot?.publishedPorts ?? [], override);
  if (url !== undefined) return url;
  return snapshot?.hostConfig.networkMode === 'host' ? 'http://127.0.0.1:8080' : undefined;
}

/** Cores older than the policy's updater_api_init_version answer health on their root page. */
function predatesApi(version: ObservedVersion | undefined, policy: Policy | undefined): boolean {
  const init = policy?.updaterApiInitVersion;
  if (version === undefined || init === undefined || parseVersion(init) === undefined) return false;
  return compareVersions(version.version, init) < 0;
}

/** `<name>-prev-*` and `<name>-next-*` are what an upgrade sets aside; a running one owns its own. */
function leftoversOf(
  listing: Attempt<ContainerListing[]> | undefined,
  container: ContainerFinding,
  lastFinished: Job | undefined,
  current: Job | undefined,
): LeftoverFinding {
  if (listing === undefined) return unchecked('Docker is not reachable');
  if (!listing.ok) return unchecked(listing.detail);
  const found = container.kind === 'found' ? container.name : undefined;
  const bases = new Set([found, lastFinished?.container, current?.container]);
  const running =
    current === undefined || isTerminal(current.state) ? undefined : current.execution;
  const owned = new Set([running?.tempName, running?.asideName]);
  const names = listing.value
    .map((c) => c.name)
    .filter(
      (name) => !owned.has(name) && [...bases].some((b) => b !== undefined && setAside(name, b)),
    );
  return { kind: 'listed', names: names.sort() };
}

function setAside(name: string, base: string): boolean {
  return name.startsWith(`${base}-prev-`) || name.startsWith(`${base}-next-`);
}

function unchecked(reason: string): Unchecked {
  return { kind: 'unchecked', reason };
}

function valueOf<T>(result: Attempt<T>): T | undefined {
  return result.ok ? result.value : undefined;
}

function outcomeOf(result: Attempt<unknown>): Outcome {
  return result.ok ? { ok: true } : { ok: false, detail: result.detail };
}

async function attempt<T>(work: () => Promise<T>, timeoutMs: number): Promise<Attempt<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Attempt<T>>((resolve) => {
    timer = setTimeout(() => {
      resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  // Settled into a value, so a late rejection after the timeout is never left unhandled.
  const done = Promise.resolve()
    .then(work)
    .then(
      (value): Attempt<T> => ({ ok: true, value }),
      (error: unknown): Attempt<T> => ({ ok: false, detail: describeError(error) }),
    );
  try {
    return await Promise.race([done, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
