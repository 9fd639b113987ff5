import { expect } from 'chai';
import {
  assessHealth,
  type Check,
  type Component,
  type HealthAssessment,
  type SystemFacts,
} from '../../src/jobs/assess-health.js';
import type { ExecutionJournal } from '../../src/jobs/execution-journal.js';
import { createJob, failJob, type Job } from '../../src/jobs/job.js';
import type { FailureCode } from '../../src/shared/failure-codes.js';

const now = new Date('2026-01-27T14:30:52.000Z');
const oldImage = 'payramapp/payram:1.8.0';
const newImage = 'payramapp/payram:1.9.0';

const healthy: SystemFacts = {
  docker: { ok: true },
  container: {
    kind: 'found',
    name: 'payram',
    image: oldImage,
    running: true,
    status: 'running',
    health: 'healthy',
  },
  core: {
    kind: 'probed',
    url: 'http://127.0.0.1:8080',
    endpoint: '/api/v1/health',
    ok: true,
    detail: 'ok',
  },
  version: { version: '1.8.0', source: 'core' },
  migrations: { kind: 'reported', state: 'complete', detail: 'complete' },
  policy: { ok: true },
  manifest: { ok: true },
  jobs: { kind: 'loaded', lastFinished: undefined, current: undefined },
  leftovers: { kind: 'listed', names: [] },
};

const healthyChecks: Record<Component, Check> = {
  docker: { ok: true, detail: 'reachable' },
  container: { ok: true, detail: `payram runs ${oldImage}, Docker health healthy` },
  core: { ok: true, detail: 'healthy at http://127.0.0.1:8080/api/v1/health' },
  version: { ok: true, detail: '1.8.0 (from the core)' },
  migrations: { ok: true, detail: 'complete' },
  policy: { ok: true, detail: 'loaded' },
  manifest: { ok: true, detail: 'loaded' },
  last_job: { ok: true, detail: 'no upgrade job has finished yet' },
  leftovers: { ok: true, detail: 'none' },
};

function failed(code: FailureCode, step?: ExecutionJournal['step']): Job {
  const job = createJob({
    id: 'job-7',
    mode: 'DASHBOARD',
    executionMode: 'execute',
    requestedTarget: '1.9.0',
    now,
  });
  return {
    ...failJob(job, code, 'it went wrong', now),
    container: 'payram',
    image: newImage,
    // Only the step matters to the assessment; the rest of the journal is not read.
    execution: step === undefined ? undefined : ({ step } as ExecutionJournal),
  };
}

const lastJob = (job: Job): Partial<SystemFacts> => ({
  jobs: { kind: 'loaded', lastFinished: job, current: undefined },
});
const onNewImage: Partial<SystemFacts> = {
  container: { ...healthy.container, image: newImage } as SystemFacts['container'],
  version: { version: '1.9.0', source: 'core' },
};
const dockerDown: Partial<SystemFacts> = {
  docker: { ok: false, detail: 'connect ENOENT /var/run/docker.sock' },
  container: { kind: 'unchecked', reason: 'Docker is not reachable' },
  core: { kind: 'unchecked', reason: 'no container' },
  version: undefined,
  migrations: { kind: 'unchecked', reason: 'no container' },
  leftovers: { kind: 'unchecked', reason: 'Docker is not reachable' },
};
const followPlaybook = 'Follow the playbook: payram-updater status';

interface Case {
  name: string;
  facts: Partial<SystemFacts>;
  expected: Omit<HealthAssessment, 'checks'> & { checks: Partial<Record<Component, Check>> };
}

const broken: Case[] = [
  {
    name: 'Docker is unreachable',
    facts: dockerDown,
    expected: {
      overallState: 'BROKEN',
      issues: [
        {
          component: 'docker',
          severity: 'CRITICAL',
          description: 'Docker is not reachable: connect ENOENT /var/run/docker.sock',
        },
      ],
      recommendations: [
        'Check that the Docker daemon runs and that the updater can reach it (DOCKER_HOST)',
      ],
      checks: {
        docker: {
          ok: false,
          detail: 'Docker is not reachable: connect ENOENT /var/run/docker.sock',
        },
        container: { ok: false, detail: 'not checked: Docker is not reachable' },
        core: { ok: false, detail: 'not checked: no container' },
        version: { ok: false, detail: 'not checked: no Payram container was found' },
        migrations: { ok: false, detail: 'not checked: no container' },
        leftovers: { ok: false, detail: 'not checked: Docker is not reachable' },
      },
    },
  },
  {
    name: 'there is no Payram container',
    facts: {
      ...dockerDown,
      docker: { ok: true },
      container: { kind: 'missing', reason: 'no container named payram' },
      leftovers: { kind: 'listed', names: [] },
    },
    expected: {
      overallState: 'BROKEN',
      issues: [
        {
          component: 'container',
          severity: 'CRITICAL',
          description: 'No Payram container: no container named payram',
        },
      ],
      recommendations: ['Start the Payram container, or set TARGET_CONTAINER_NAME to its name'],
      checks: {
        container: { ok: false, detail: 'No Payram container: no container named payram' },
        core: { ok: false, detail: 'not checked: no container' },
        version: { ok: false, detail: 'not checked: no Payram container was found' },
        migrations: { ok: false, detail: 'not checked: no container' },
      },
    },
  },
  {
    name: 'the container is not running',
    facts: {
      container: { ...healthy.container, running: false, status: 'exited', health: 'none' },
      version: { version: '1.8.0', source: 'label' },
      core: { kind: 'unchecked', reason: 'the container is not running' },
      migrations: { kind: 'unchecked', reason: 'the container is not running' },
    } as Partial<SystemFacts>,
    expected: {
      overallState: 'BROKEN',
      issues: [
        {
          component: 'container',
          severity: 'CRITICAL',
          description: `Container payram (${oldImage}) is not running: exited`,
        },
      ],
      recommendations: ['Start it once the cause is known: docker start payram'],
      checks: {
        container: { ok: false, detail: `Container payram (${oldImage}) is not running: exited` },
        core: { ok: false, detail: 'not checked: the container is not running' },
        version: { ok: true, detail: '1.8.0 (from the image label)' },
        migrations: { ok: false, detail: 'not checked: the container is not running' },
      },
    },
  },
  {
    name: 'the core is unhealthy',
    facts: { core: { ...healthy.core, ok: false, detail: 'HTTP 503' } as SystemFacts['core'] },
    expected: {
      overallState: 'BROKEN',
      issues: [
        {
          component: 'core',
          severity: 'CRITICAL',
          description: 'The core is not healthy at http://127.0.0.1:8080/api/v1/health: HTTP 503',
        },
      ],
      recommendations: ["Check the core's logs: docker logs payram"],
      checks: {
        core: {
          ok: false,
          detail: 'The core is not healthy at http://127.0.0.1:8080/api/v1/health: HTTP 503',
        },
      },
    },
  },
  {
    name: 'migrations failed',
    facts: { migrations: { kind: 'reported', state: 'failed', detail: 'relation exists' } },
    expected: {
      overallState: 'BROKEN',
      issues: [
        {
          component: 'migrations',
          severity: 'CRITICAL',
          description: 'Migrations failed: relation exists',
        },
      ],
      recommendations: [
        "Start no other upgrade until the database is repaired; the core's logs: docker logs payram",
      ],
      checks: { migrations: { ok: false, detail: 'Migrations failed: relation exists' } },
    },
  },
  ...(['MIGRATION_FAILED', 'ROLLBACK_FAILED'] as const).map((code): Case => ({
    name: `the last job failed with ${code} and the container still runs its target`,
    facts: { ...onNewImage, ...lastJob(failed(code, 'rollback')) },
    expected: {
      overallState: 'BROKEN',
      issues: [
        {
          component: 'last_job',
          severity: 'CRITICAL',
          description: `Upgrade job job-7 failed with ${code}: it went wrong (unresolved)`,
        },
      ],
      recommendations: [followPlaybook],
      checks: {
        container: { ok: true, detail: `payram runs ${newImage}, Docker health healthy` },
        version: { ok: true, detail: '1.9.0 (from the core)' },
        last_job: {
          ok: false,
          detail: `Upgrade job job-7 failed with ${code}: it went wrong (unresolved)`,
        },
      },
    },
  })),
];

const degraded: Case[] = [
  ...(
    [
      ['policy', 'dashboard upgrades cannot be planned', 'POLICY_URL'],
      ['manifest', 'no upgrade can be planned', 'RUNTIME_MANIFEST_URL'],
    ] as const
  ).map(([kind, consequence, variable]): Case => ({
    name: `the ${kind} is unavailable`,
    facts: { [kind]: { ok: false, detail: 'HTTP 404' } },
    expected: {
      overallState: 'DEGRADED',
      issues: [
        {
          component: kind,
          severity: 'WARNING',
          description: `The ${kind} is unavailable (${consequence}): HTTP 404`,
        },
      ],
      recommendations: [`Check the ${kind} URL (${variable})`],
      checks: {
        [kind]: { ok: false, detail: `The ${kind} is unavailable (${consequence}): HTTP 404` },
      },
    },
  })),
  {
    name: 'containers were left aside by an upgrade',
    facts: { leftovers: { kind: 'listed', names: ['payram-next-a1b2c3', 'payram-prev-a1b2c3'] } },
    expected: {
      overallState: 'DEGRADED',
      issues: [
        {
          component: 'leftovers',
          severity: 'WARNING',
          description:
            'Containers kept aside by a failed or interrupted upgrade: payram-next-a1b2c3, payram-prev-a1b2c3',
        },
      ],
      recommendations: [
        'Remove the leftover container payram-next-a1b2c3 once the upgrade is resolved: docker rm payram-next-a1b2c3',
        'Remove the leftover container payram-prev-a1b2c3 once the upgrade is resolved: docker rm payram-prev-a1b2c3',
      ],
      checks: {
        leftovers: {
          ok: false,
          detail:
            'Containers kept aside by a failed or interrupted upgrade: payram-next-a1b2c3, payram-prev-a1b2c3',
        },
      },
    },
  },
  {
    name: 'the last job failed verification and was rolled back',
    facts: lastJob(failed('HEALTHCHECK_FAILED', 'rollback')),
    expected: {
      overallState: 'DEGRADED',
      issues: [
        {
          component: 'last_job',
          severity: 'WARNING',
          description:
            'Upgrade job job-7 failed with HEALTHCHECK_FAILED: it went wrong (the previous container was put back)',
        },
      ],
      recommendations: [followPlaybook],
      checks: {
        last_job: {
          ok: false,
          detail:
            'Upgrade job job-7 failed with HEALTHCHECK_FAILED: it went wrong (the previous container was put back)',
        },
      },
    },
  },
  {
    name: 'the last job failed a pull before touching anything (recover may retry it)',
    facts: lastJob(failed('DOCKER_PULL_FAILED', 'pull')),
    expected: {
      overallState: 'DEGRADED',
      issues: [
        {
          component: 'last_job',
          severity: 'WARNING',
          description:
            'Upgrade job job-7 failed with DOCKER_PULL_FAILED: it went wrong (the running container was not touched)',
        },
      ],
      recommendations: ['Run `payram-updater recover`'],
      checks: {
        last_job: {
          ok: false,
          detail:
            'Upgrade job job-7 failed with DOCKER_PULL_FAILED: it went wrong (the running container was not touched)',
        },
      },
    },
  },
  {
    name: 'the core cannot be reached, migrations still run, the job state is unreadable',
    facts: {
      core: { kind: 'no-url', reason: 'the container publishes no port' },
      migrations: { kind: 'reported', state: 'running', detail: '3 of 5' },
      jobs: { kind: 'unreadable', reason: 'EACCES' },
    },
    expected: {
      overallState: 'DEGRADED',
      issues: [
        {
          component: 'core',
          severity: 'WARNING',
          description: 'The updater cannot reach the core: the container publishes no port',
        },
        {
          component: 'migrations',
          severity: 'WARNING',
          description: 'Migrations are still running: 3 of 5',
        },
        {
          component: 'last_job',
          severity: 'WARNING',
          description: 'The job state could not be read: EACCES',
        },
      ],
      recommendations: [
        'Set CORE_BASE_URL to where the updater reaches the Payram core',
        "Check again shortly; if they stay running, read the core's logs: docker logs payram",
        "Check the updater's state directory (STATE_DIR)",
      ],
      checks: {
        core: {
          ok: false,
          detail: 'The updater cannot reach the core: the container publishes no port',
        },
        migrations: { ok: false, detail: 'Migrations are still running: 3 of 5' },
        last_job: { ok: false, detail: 'The job state could not be read: EACCES' },
      },
    },
  },
];

const resolvedDescription =
  'Upgrade job job-7 failed with MIGRATION_FAILED: it went wrong ' +
  `(resolved: payram now runs ${oldImage})`;

const ok: Case[] = [
  {
    name: 'everything answers',
    facts: {},
    expected: { overallState: 'OK', issues: [], recommendations: [], checks: {} },
  },
  {
    name: 'the old version is back after a MIGRATION_FAILED (recovered by an operator)',
    facts: lastJob(failed('MIGRATION_FAILED', 'verify')),
    expected: {
      overallState: 'OK',
      issues: [{ component: 'last_job', severity: 'INFO', description: resolvedDescription }],
      recommendations: [],
      checks: { last_job: { ok: true, detail: resolvedDescription } },
    },
  },
  {
    name: 'only facts worth knowing: a job in progress, an older core, Docker health unhealthy',
    facts: {
      container: { ...healthy.container, health: 'unhealthy' } as SystemFacts['container'],
      migrations: { kind: 'not-reported', reason: 'this core has no migration status' },
      jobs: {
        kind: 'loaded',
        lastFinished: undefined,
        current: {
          ...createJob({
            id: 'job-8',
            mode: 'MANUAL',
            executionMode: 'execute',
            requestedTarget: '1.9.0',
            now,
          }),
          state: 'VERIFYING',
        },
      },
    },
    expected: {
      overallState: 'OK',
      issues: [
        {
          component: 'container',
          severity: 'INFO',
          description: "Docker's healthcheck reports payram unhealthy",
        },
        {
          component: 'migrations',
          severity: 'INFO',
          description: 'Migrations are not reported: this core has no migration status',
        },
        {
          component: 'last_job',
          severity: 'INFO',
          description: 'Upgrade job job-8 is in progress (VERIFYING)',
        },
      ],
      recommendations: ['Follow the running upgrade: payram-updater logs -f'],
      checks: {
        container: { ok: true, detail: `payram runs ${oldImage}, Docker health unhealthy` },
        migrations: { ok: true, detail: 'not reported' },
      },
    },
  },
];

describe('assessHealth', () => {
  for (const [state, cases] of [
    ['BROKEN', broken],
    ['DEGRADED', degraded],
    ['OK', ok],
  ] as const) {
    describe(state, () => {
      for (const { name, facts, expected } of cases) {
        it(`when ${name}`, () => {
          const result = assessHealth({ ...healthy, ...facts });

          expect(result).to.deep.equal({
            ...expected,
            checks: { ...healthyChecks, ...expected.checks },
          });
        });
      }
    });
  }

  it('keeps a MIGRATION_FAILED unresolved while the container cannot be seen', () => {
    const result = assessHealth({
      ...healthy,
      ...dockerDown,
      ...lastJob(failed('MIGRATION_FAILED')),
    });

    expect(result.overallState).to.equal('BROKEN');
    expect(result.issues.map((i) => [i.component, i.severity])).to.deep.equal([
      ['docker', 'CRITICAL'],
      ['last_job', 'CRITICAL'],
    ]);
  });
});
