import { expect } from 'chai';
import type { ContainerSnapshot, PortBinding } from '../../src/container/container-snapshot.js';
import { components } from '../../src/jobs/assess-health.js';
import type { ExecutionJournal } from '../../src/jobs/execution-journal.js';
import {
  inspectSystem,
  updateInfo,
  type InspectDeps,
  type InspectSettings,
  type UpdateInfo,
} from '../../src/jobs/inspect-system.js';
import { createJob, failJob, type Job } from '../../src/jobs/job.js';
import { RuntimeTargetInspector } from '../../src/jobs/observe-target.js';
import type {
  ContainerListing,
  ContainerRuntime,
  CoreProbe,
  MigrationState,
} from '../../src/jobs/ports.js';
import type { ObservedVersion } from '../../src/policy/plan-upgrade.js';
import { ManualClock } from '../../src/shared/clock.js';
import { UpdaterError } from '../../src/shared/updater-error.js';
import { plainSnapshot } from '../docker/fixtures/snapshots.js';
import { FakeDocuments, tenReleasePolicy, testManifest } from '../support/fake-ports.js';

/**
 * inspectSystem on an in-memory engine, core and stores. The real engine and core are
 * exercised in integration/; here only the three engine calls inspect makes are scripted.
 */
class FakeEngine implements Pick<ContainerRuntime, 'ping' | 'listContainers' | 'inspectContainer'> {
  down: 'refuses' | 'hangs' | undefined;
  containers: ContainerSnapshot[] = [];
  extraNames: string[] = [];
  calls: string[] = [];

  ping(): Promise<void> {
    this.calls.push('ping');
    if (this.down === 'hangs') return new Promise(() => {});
    if (this.down === 'refuses') return Promise.reject(new Error('connect ENOENT docker.sock'));
    return Promise.resolve();
  }

  listContainers(): Promise<ContainerListing[]> {
    this.calls.push('list');
    const listed = this.containers.map((c) => ({
      id: c.id,
      name: c.name,
      image: c.imageRef,
      running: c.running,
      labels: {},
    }));
    const extra = this.extraNames.map((name) => ({
      id: name,
      name,
      image: 'payramapp/payram:1.9.0',
      running: false,
      labels: {},
    }));
    return Promise.resolve([...listed, ...extra]);
  }

  inspectContainer(nameOrId: string): Promise<ContainerSnapshot | undefined> {
    this.calls.push(`inspect ${nameOrId}`);
    return Promise.resolve(this.containers.find((c) => c.name === nameOrId || c.id === nameOrId));
  }
}

class FakeCore implements CoreProbe {
  healthy: boolean | 'throws' = true;
  reportedVersion: string | undefined = '1.8.0';
  migrationState: MigrationState | undefined = 'complete';
  calls: string[] = [];

  health(baseUrl: string, endpoint: string): Promise<{ ok: boolean; detail: string }> {
    this.calls.push(`health ${baseUrl}${endpoint}`);
    if (this.healthy === 'throws') return Promise.reject(new Error('socket hang up'));
    return Promise.resolve({ ok: this.healthy, detail: this.healthy ? 'ok' : 'HTTP 503' });
  }

  version(): Promise<string | undefined> {
    return Promise.resolve(this.reportedVersion);
  }

  migrations(baseUrl: string): Promise<{ state: MigrationState; detail: string } | undefined> {
    this.calls.push(`migrations ${baseUrl}`);
    const state = this.migrationState;
    return Promise.resolve(state === undefined ? undefined : { state, detail: state });
  }
}

function payram(image: string, edit: (s: ContainerSnapshot) => void = () => {}) {
  const snapshot = structuredClone(plainSnapshot);
  snapshot.id = `id-${image}`;
  snapshot.name = 'payram';
  snapshot.imageRef = image;
  snapshot.running = true;
  snapshot.status = 'running';
  snapshot.health = 'none';
  snapshot.hostConfig.networkMode = 'bridge';
  snapshot.publishedPorts = [published('18080')];
  edit(snapshot);
  return snapshot;
}

function published(hostPort: string): PortBinding {
  return { containerPort: '8080/tcp', hostIp: '0.0.0.0', hostPort };
}

function setup(settings: Partial<InspectSettings> = {}) {
  const engine = new FakeEngine();
  engine.containers = [payram('payramapp/payram:1.8.0')];
  const core = new FakeCore();
  const documents = new FakeDocuments(tenReleasePolicy, testManifest);
  const stored: { last: Job | undefined; current: Job | undefined } = {
    last: undefined,
    current: undefined,
  };
  const coreBaseUrlOverride = settings.coreBaseUrlOverride;
  const deps: InspectDeps = {
    runtime: engine,
    probe: core,
    // The real discovery, on the fake engine: it needs only the calls FakeEngine has.
    inspector: new RuntimeTargetInspector(engine as unknown as ContainerRuntime, core, {
      containerName: undefined,
      coreBaseUrlOverride,
    }),
    documents,
    jobs: {
      loadLastFinished: () => Promise.resolve(stored.last),
      loadCurrent: () => Promise.resolve(stored.current),
    },
    clock: new ManualClock('2026-01-27T14:30:52.000Z'),
  };
  const inspect = () =>
    inspectSystem(deps, {
      imageRepoOverride: undefined,
      coreBaseUrlOverride: undefined,
      checkTimeoutMs: 1000,
      ...settings,
    });
  return { engine, core, documents, stored, inspect };
}

function failedUpgrade(code: 'MIGRATION_FAILED' | 'HEALTHCHECK_FAILED'): Job {
  const now = new Date('2026-01-27T14:00:00.000Z');
  const job = createJob({
    id: 'job-5',
    mode: 'DASHBOARD',
    executionMode: 'execute',
    requestedTarget: '1.9.0',
    now,
  });
  return {
    ...failJob(job, code, 'relation "wallets" already exists', now),
    container: 'payram',
    image: 'payramapp/payram:1.9.0',
  };
}

describe('inspectSystem', () => {
  it('reports a healthy installation whole: checks, no issues, update information', async () => {
    const { inspect, core } = setup();

    const inspection = await inspect();

    expect(inspection).to.deep.equal({
      overallState: 'OK',
      issues: [],
      recommendations: [],
      checks: {
        docker: { ok: true, detail: 'reachable' },
        container: { ok: true, detail: 'payram runs payramapp/payram:1.8.0' },
        core: { ok: true, detail: 'healthy at http://127.0.0.1:18080/api/v1/health' },
        version: { ok: true, detail: '1.8.0 (from the core)' },
        migrations: { ok: true, detail: 'complete' },
        policy: { ok: true, detail: 'loaded' },
        manifest: { ok: true, detail: 'loaded' },
        last_job: { ok: true, detail: 'no upgrade job has finished yet' },
        leftovers: { ok: true, detail: 'none' },
      },
      checkedAt: '2026-01-27T14:30:52.000Z',
      update: {
        currentVersion: '1.8.0',
        latestVersion: '1.12.0',
        dashboardCanUpgrade: true,
        dashboardMaxTarget: '1.9.1',
      },
      lastFinished: undefined,
    });
    expect(core.calls).to.deep.equal([
      'health http://127.0.0.1:18080/api/v1/health',
      'migrations http://127.0.0.1:18080',
    ]);
  });

  it('is BROKEN when Docker refuses, without asking it anything else', async () => {
    const { inspect, engine } = setup();
    engine.down = 'refuses';

    const inspection = await inspect();

    expect(inspection.overallState).to.equal('BROKEN');
    expect(inspection.checks.docker).to.deep.equal({
      ok: false,
      detail: 'Docker is not reachable: connect ENOENT docker.sock',
    });
    expect(engine.calls).to.deep.equal(['ping']);
  });

  it('gives up on a Docker that never answers within the check timeout', async () => {
    const { inspect, engine } = setup({ checkTimeoutMs: 20 });
    engine.down = 'hangs';

    const inspection = await inspect();

    expect(inspection.checks.docker).to.deep.equal({
      ok: false,
      detail: 'Docker is not reachable: no answer within 20 ms',
    });
    expect(inspection.checks.container).to.deep.equal({
      ok: false,
      detail: 'not checked: Docker is not reachable',
    });
  });

  it('turns a throwing core probe into a failed check', async () => {
    const { inspect, core } = setup();
    core.healthy = 'throws';

    const inspection = await inspect();

    expect(inspection.overallState).to.equal('BROKEN');
    expect(inspection.checks.core).to.deep.equal({
      ok: false,
      detail: 'The core is not healthy at http://127.0.0.1:18080/api/v1/health: socket hang up',
    });
  });

  it('cannot look for the container without the manifest, unless IMAGE_REPO_OVERRIDE names the repository', async () => {
    const { inspect, documents } = setup();
    documents.manifest = () =>
      Promise.reject(new UpdaterError('MANIFEST_FETCH_FAILED', 'Could not fetch the manifest'));

    const without = await inspect();
    const { inspect: withOverride, documents: overridden } = setup({
      imageRepoOverride: 'payramapp/payram',
    });
    overridden.manifest = documents.manifest;
    const withRepo = await withOverride();

    expect(without.overallState).to.equal('DEGRADED');
    expect(without.checks.container).to.deep.equal({
      ok: false,
      detail: 'not checked: its image repository comes from the manifest (or IMAGE_REPO_OVERRIDE)',
    });
    expect(withRepo.overallState).to.equal('DEGRADED');
    expect(withRepo.checks.container.ok).to.equal(true);
    expect(withRepo.checks.core.detail).to.equal('healthy at http://127.0.0.1:18080/api/v1/health');
  });

  describe('reaches the core', () => {
    const cases: [string, (s: ContainerSnapshot) => void, Partial<InspectSettings>, string[]][] = [
      [
        'on 127.0.0.1:8080 in host network mode',
        (s) => {
          s.hostConfig.networkMode = 'host';
          s.publishedPorts = [];
        },
        {},
        ['health http://127.0.0.1:8080/api/v1/health', 'migrations http://127.0.0.1:8080'],
      ],
      [
        'at CORE_BASE_URL when set',
        () => {},
        { coreBaseUrlOverride: 'http://10.0.0.5:9000/' },
        ['health http://10.0.0.5:9000/api/v1/health', 'migrations http://10.0.0.5:9000'],
      ],
      ['nowhere when no port is published', (s) => (s.publishedPorts = []), {}, []],
    ];
    for (const [name, edit, settings, calls] of cases) {
      it(name, async () => {
        const { inspect, engine, core } = setup(settings);
        engine.containers = [payram('payramapp/payram:1.8.0', edit)];

        await inspect();

        expect(core.calls).to.deep.equal(calls);
      });
    }
  });

  it('probes an older core on its root page and does not ask it for migrations', async () => {
    const { inspect, documents, core } = setup();
    documents.policy = () =>
      Promise.resolve({ ...tenReleasePolicy, updaterApiInitVersion: '1.9.0' });

    const inspection = await inspect();

    expect(core.calls).to.deep.equal(['health http://127.0.0.1:18080/']);
    expect(inspection.issues).to.deep.equal([
      {
        component: 'migrations',
        severity: 'INFO',
        description: 'Migrations are not reported: this core predates the updater API',
      },
    ]);
  });

  it('lists containers set aside by an upgrade, except those of the upgrade in progress', async () => {
    const { inspect, engine, stored } = setup();
    engine.extraNames = ['payram-prev-aaa111', 'payram-next-bbb222', 'other-prev-ccc333'];
    const running = createJob({
      id: 'job-bbb222',
      mode: 'MANUAL',
      executionMode: 'execute',
      requestedTarget: '1.9.0',
      now: new Date(),
    });
    const journal = { tempName: 'payram-next-bbb222', asideName: 'payram-prev-bbb222' };
    stored.current = {
      ...running,
      state: 'EXECUTING',
      container: 'payram',
      execution: journal as ExecutionJournal,
    };

    const inspection = await inspect();

    expect(inspection.checks.leftovers).to.deep.equal({
      ok: false,
      detail: 'Containers kept aside by a failed or interrupted upgrade: payram-prev-aaa111',
    });
    expect(inspection.overallState).to.equal('DEGRADED');
  });

  it('is BROKEN after a failed migration and OK once the old version runs again', async () => {
    const { inspect, engine, core, stored } = setup();
    stored.last = failedUpgrade('MIGRATION_FAILED');
    engine.containers = [payram('payramapp/payram:1.9.0')];
    core.reportedVersion = '1.9.0';
    core.migrationState = 'failed';

    const broken = await inspect();
    engine.containers = [payram('payramapp/payram:1.8.0')];
    core.reportedVersion = '1.8.0';
    core.migrationState = 'complete';
    const recovered = await inspect();

    expect(broken.overallState).to.equal('BROKEN');
    expect(broken.issues.map((i) => [i.component, i.severity])).to.deep.equal([
      ['migrations', 'CRITICAL'],
      ['last_job', 'CRITICAL'],
    ]);
    expect(recovered.overallState).to.equal('OK');
    expect(recovered.issues.map((i) => [i.component, i.severity])).to.deep.equal([
      ['last_job', 'INFO'],
    ]);
    expect(recovered.lastFinished).to.deep.equal(stored.last);
  });

  it('always reports every component', async () => {
    const { inspect, engine, documents } = setup();
    engine.down = 'refuses';
    documents.policy = () => Promise.reject(new Error('boom'));

    const inspection = await inspect();

    expect(Object.keys(inspection.checks)).to.deep.equal([...components]);
  });
});

describe('updateInfo', () => {
  const at = (version: string): ObservedVersion => ({ version, source: 'core' });
  const cases: [string, ObservedVersion | undefined, UpdateInfo][] = [
    [
      'blocked by the next breakpoint',
      at('1.7.9'),
      {
        currentVersion: '1.7.9',
        latestVersion: '1.12.0',
        dashboardCanUpgrade: false,
        dashboardMaxTarget: undefined,
      },
    ],
    [
      'up to the release before the next breakpoint',
      at('1.8.0'),
      {
        currentVersion: '1.8.0',
        latestVersion: '1.12.0',
        dashboardCanUpgrade: true,
        dashboardMaxTarget: '1.9.1',
      },
    ],
    [
      'up to dashboard_max past every breakpoint',
      at('1.10.0'),
      {
        currentVersion: '1.10.0',
        latestVersion: '1.12.0',
        dashboardCanUpgrade: true,
        dashboardMaxTarget: '1.12.0',
      },
    ],
    [
      'nothing once on latest',
      at('1.12.0'),
      {
        currentVersion: '1.12.0',
        latestVersion: '1.12.0',
        dashboardCanUpgrade: false,
        dashboardMaxTarget: undefined,
      },
    ],
    [
      'nothing while the running version is unknown',
      undefined,
      {
        currentVersion: undefined,
        latestVersion: '1.12.0',
        dashboardCanUpgrade: false,
        dashboardMaxTarget: undefined,
      },
    ],
  ];
  for (const [name, current, expected] of cases) {
    it(name, () => {
      expect(updateInfo(tenReleasePolicy, current)).to.deep.equal(expected);
    });
  }

  it('knows nothing beyond the current version without a policy', () => {
    expect(updateInfo(undefined, at('1.8.0'))).to.deep.equal({
      currentVersion: '1.8.0',
      latestVersion: undefined,
      dashboardCanUpgrade: false,
      dashboardMaxTarget: undefined,
    });
  });
});
