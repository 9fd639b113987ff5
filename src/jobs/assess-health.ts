import type { HealthState } from '../container/container-snapshot.js';
import type { ObservedVersion } from '../policy/plan-upgrade.js';
import { catalogue } from '../recovery/catalogue.js';
import type { FailureCode } from '../shared/failure-codes.js';
import { oldMayBeDown } from './execution-journal.js';
import { isTerminal, type Job } from './job.js';
import type { MigrationState } from './ports.js';

export const components = [
  'docker',
  'container',
  'core',
  'version',
  'migrations',
  'policy',
  'manifest',
  'last_job',
  'leftovers',
] as const;

export type Component = (typeof components)[number];
export type IssueSeverity = 'INFO' | 'WARNING' | 'CRITICAL';
export type OverallState = 'OK' | 'DEGRADED' | 'BROKEN';

export interface Issue {
  component: Component;
  severity: IssueSeverity;
  description: string;
}

export interface Check {
  ok: boolean;
  detail: string;
}

export type Outcome = { ok: true } | { ok: false; detail: string };

/** `unchecked`: an earlier check failed, so this one could not run. */
export interface Unchecked {
  kind: 'unchecked';
  reason: string;
}

export type ContainerFinding =
  | {
      kind: 'found';
      name: string;
      image: string;
      running: boolean;
      status: string;
      health: HealthState;
    }
  | { kind: 'missing'; reason: string }
  | Unchecked;

export type CoreFinding =
  | { kind: 'probed'; url: string; endpoint: string; ok: boolean; detail: string }
  | { kind: 'no-url'; reason: string }
  | Unchecked;

export type MigrationFinding =
  | { kind: 'reported'; state: MigrationState; detail: string }
  | { kind: 'not-reported'; reason: string }
  | Unchecked;

export type JobsFinding =
  | { kind: 'loaded'; lastFinished: Job | undefined; current: Job | undefined }
  | { kind: 'unreadable'; reason: string };

export type LeftoverFinding = { kind: 'listed'; names: string[] } | Unchecked;

/** What inspect saw, each part gathered on its own; nothing here has been judged yet. */
export interface SystemFacts {
  docker: Outcome;
  container: ContainerFinding;
  core: CoreFinding;
  version: ObservedVersion | undefined;
  migrations: MigrationFinding;
  policy: Outcome;
  manifest: Outcome;
  jobs: JobsFinding;
  leftovers: LeftoverFinding;
}

export interface HealthAssessment {
  overallState: OverallState;
  issues: Issue[];
  recommendations: string[];
  checks: Record<Component, Check>;
}

interface Verdict {
  check: Check;
  issues: Omit<Issue, 'component'>[];
  advice: string[];
}

/** Any CRITICAL issue makes the installation BROKEN, any WARNING DEGRADED; INFO never counts. */
export function assessHealth(facts: SystemFacts): HealthAssessment {
  const verdicts = components.map((component) => ({ component, ...assessors[component](facts) }));
  const issues = verdicts.flatMap((v) => v.issues.map((i) => ({ component: v.component, ...i })));
  const checks = Object.fromEntries(verdicts.map((v) => [v.component, v.check]));
  return {
    overallState: overallOf(issues),
    issues,
    recommendations: [...new Set(verdicts.flatMap((v) => v.advice))],
    checks: checks as Record<Component, Check>,
  };
}

function overallOf(issues: readonly Issue[]): OverallState {
  if (issues.some((i) => i.severity === 'CRITICAL')) return 'BROKEN';
  return issues.some((i) => i.severity === 'WARNING') ? 'DEGRADED' : 'OK';
}

const assessors: Record<Component, (facts: SystemFacts) => Verdict> = {
  docker: ({ docker }) =>
    docker.ok
      ? fine('reachable')
      : problem('CRITICAL', `Docker is not reachable: ${docker.detail}`, [
          'Check that the Docker daemon runs and that the updater can reach it (DOCKER_HOST)',
        ]),
  container: ({ container }) => assessContainer(container),
  core: (facts) => assessCore(facts.core, containerName(facts)),
  version: ({ version, container }) => assessVersion(version, container),
  migrations: (facts) => assessMigrations(facts.migrations, containerName(facts)),
  policy: ({ policy }) =>
    documentVerdict(policy, 'policy', 'dashboard upgrades cannot be planned', 'POLICY_URL'),
  manifest: ({ manifest }) =>
    documentVerdict(manifest, 'manifest', 'no upgrade can be planned', 'RUNTIME_MANIFEST_URL'),
  last_job: (facts) => assessJobs(facts.jobs, facts.container),
  leftovers: ({ leftovers }) => assessLeftovers(leftovers),
};

function fine(detail: string): Verdict {
  return { check: { ok: true, detail }, issues: [], advice: [] };
}

function unchecked(reason: string): Verdict {
  return { check: { ok: false, detail: `not checked: ${reason}` }, issues: [], advice: [] };
}

function problem(severity: IssueSeverity, description: string, advice: string[]): Verdict {
  return { check: { ok: false, detail: description }, issues: [{ severity, description }], advice };
}

function containerName(facts: SystemFacts): string {
  return facts.container.kind === 'found' ? facts.container.name : 'payram';
}

function assessContainer(container: ContainerFinding): Verdict {
  if (container.kind === 'unchecked') return unchecked(container.reason);
  if (container.kind === 'missing') {
    return problem('CRITICAL', `No Payram container: ${container.reason}`, [
      'Start the Payram container, or set TARGET_CONTAINER_NAME to its name',
    ]);
  }
  const { name, image, running, status, health } = container;
  if (!running) {
    return problem('CRITICAL', `Container ${name} (${image}) is not running: ${status}`, [
      `Start it once the cause is known: docker start ${name}`,
    ]);
  }
  const detail = `${name} runs ${image}${health === 'none' ? '' : `, Docker health ${health}`}`;
  if (health !== 'unhealthy') return fine(detail);
  // The core probe below is what decides; Docker's own healthcheck may test something else.
  const description = `Docker's healthcheck reports ${name} unhealthy`;
  return { check: { ok: true, detail }, issues: [{ severity: 'INFO', description }], advice: [] };
}

function assessCore(core: CoreFinding, name: string): Verdict {
  if (core.kind === 'unchecked') return unchecked(core.reason);
  if (core.kind === 'no-url') {
    return problem('WARNING', `The updater cannot reach the core: ${core.reason}`, [
      'Set CORE_BASE_URL to where the updater reaches the Payram core',
    ]);
  }
  const where = `${core.url}${core.endpoint}`;
  if (core.ok) return fine(`healthy at ${where}`);
  return problem('CRITICAL', `The core is not healthy at ${where}: ${core.detail}`, [
    `Check the core's logs: docker logs ${name}`,
  ]);
}

const sourceNames = {
  core: 'the core',
  label: 'the image label',
  tag: 'the image tag',
  hint: 'a hint',
};

function assessVersion(version: ObservedVersion | undefined, container: ContainerFinding): Verdict {
  if (version !== undefined)
    return fine(`${version.version} (from ${sourceNames[version.source]})`);
  if (container.kind !== 'found') return unchecked('no Payram container was found');
  const description =
    'The running version could not be determined; execute-mode dashboard upgrades will be refused';
  return {
    check: { ok: false, detail: 'unknown' },
    issues: [{ severity: 'INFO', description }],
    advice: [],
  };
}

function assessMigrations(migrations: MigrationFinding, name: string): Verdict {
  if (migrations.kind === 'unchecked') return unchecked(migrations.reason);
  if (migrations.kind === 'not-reported') {
    const description = `Migrations are not reported: ${migrations.reason}`;
    return {
      check: { ok: true, detail: 'not reported' },
      issues: [{ severity: 'INFO', description }],
      advice: [],
    };
  }
  if (migrations.state === 'complete') return fine('complete');
  const logs = `docker logs ${name}`;
  if (migrations.state === 'running') {
    return problem('WARNING', `Migrations are still running: ${migrations.detail}`, [
      `Check again shortly; if they stay running, read the core's logs: ${logs}`,
    ]);
  }
  return problem('CRITICAL', `Migrations failed: ${migrations.detail}`, [
    `Start no other upgrade until the database is repaired; the core's logs: ${logs}`,
  ]);
}

function documentVerdict(
  outcome: Outcome,
  kind: string,
  consequence: string,
  variable: string,
): Verdict {
  if (outcome.ok) return fine('loaded');
  return problem('WARNING', `The ${kind} is unavailable (${consequence}): ${outcome.detail}`, [
    `Check the ${kind} URL (${variable})`,
  ]);
}

function assessLeftovers(leftovers: LeftoverFinding): Verdict {
  if (leftovers.kind === 'unchecked') return unchecked(leftovers.reason);
  if (leftovers.names.length === 0) return fine('none');
  const names = leftovers.names.join(', ');
  return problem(
    'WARNING',
    `Containers kept aside by a failed or interrupted upgrade: ${names}`,
    leftovers.names.map(
      (n) => `Remove the leftover container ${n} once the upgrade is resolved: docker rm ${n}`,
    ),
  );
}

function assessJobs(jobs: JobsFinding, container: ContainerFinding): Verdict {
  if (jobs.kind === 'unreadable') {
    return problem('WARNING', `The job state could not be read: ${jobs.reason}`, [
      "Check the updater's state directory (STATE_DIR)",
    ]);
  }
  const last = assessLastFinished(jobs.lastFinished, container);
  const { current } = jobs;
  if (current === undefined || isTerminal(current.state)) return last;
  const description = `Upgrade job ${current.id} is in progress (${current.state})`;
  return {
    check: last.check,
    issues: [{ severity: 'INFO', description }, ...last.issues],
    advice: ['Follow the running upgrade: payram-updater logs -f', ...last.advice],
  };
}

/** Unresolved while the container still runs the image the failed job was upgrading to. */
const unresolvedWhileOnTarget: ReadonlySet<FailureCode> = new Set([
  'MIGRATION_FAILED',
  'ROLLBACK_FAILED',
]);

function assessLastFinished(job: Job | undefined, container: ContainerFinding): Verdict {
  if (job === undefined) return fine('no upgrade job has finished yet');
  if (job.state !== 'FAILED' || job.errorCode === undefined)
    return fine(`${job.id}: ${job.message}`);

  const code = job.errorCode;
  const failed = `Upgrade job ${job.id} failed with ${code}: ${job.errorMessage ?? job.message}`;
  if (unresolvedWhileOnTarget.has(code)) {
    const movedOn =
      container.kind === 'found' && job.image !== undefined && container.image !== job.image;
    if (!movedOn) return problem('CRITICAL', `${failed} (unresolved)`, [playbookAdvice(code)]);
    // Someone put another image back: the failure is history, not a state to act on.
    const description = `${failed} (resolved: ${container.name} now runs ${container.image})`;
    return {
      check: { ok: true, detail: description },
      issues: [{ severity: 'INFO', description }],
      advice: [],
    };
  }
  if (job.execution === undefined) {
    // Refused while planning (a breakpoint, a fetch failure, a dry run): nothing was touched.
    const description = `${failed} (refused before anything was changed)`;
    return {
      check: { ok: true, detail: description },
      issues: [{ severity: 'INFO', description }],
      advice: [],
    };
  }
  return problem('WARNING', `${failed} (${aftermath(job)})`, [playbookAdvice(code)]);
}

function aftermath(job: Job): string {
  const step = job.execution?.step;
  if (step === undefined || !oldMayBeDown(step)) return 'the running container was not touched';
  return 'the previous container was put back';
}

function playbookAdvice(code: FailureCode): string {
  return catalogue[code].autoRecoverable
    ? 'Run `payram-updater recover`'
    : 'Follow the playbook: payram-updater status';
}
