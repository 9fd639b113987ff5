import { expect } from 'chai';
import type { ContainerSnapshot } from '../../src/container/container-snapshot.js';
import type { ContainerRuntime, CoreProbe, MigrationState } from '../../src/jobs/ports.js';
import { verifyUpgrade, type VerifyTarget } from '../../src/jobs/verify-upgrade.js';
import { ManualClock } from '../../src/shared/clock.js';

/**
 * The verification rules on a scripted core and a fixed clock. The same rules run against
 * real data-dummy containers in integration/execute-upgrade.test.ts.
 */
interface Script {
  running?: boolean[];
  health?: boolean[];
  version?: string | undefined;
  migrations?: (MigrationState | undefined)[];
}

function setup(script: Script) {
  const clock = new ManualClock('2026-01-27T14:30:00.000Z');
  const calls: string[] = [];
  const take = <T>(list: T[] | undefined, fallback: T): T =>
    list && list.length > 1 ? list.shift()! : (list?.[0] ?? fallback);
  const runtime = {
    inspectContainer: () => {
      const running = take(script.running, true);
      return Promise.resolve({
        running,
        status: running ? 'running' : 'exited',
      } as ContainerSnapshot);
    },
  } as unknown as ContainerRuntime;
  const probe: CoreProbe = {
    health: (_url, endpoint) => {
      calls.push(`health ${endpoint}`);
      const ok = take(script.health, true);
      return Promise.resolve({ ok, detail: ok ? 'ok' : 'HTTP 503' });
    },
    version: () => Promise.resolve(script.version),
    migrations: () => {
      const state = take(script.migrations, 'complete');
      return Promise.resolve(
        state === undefined ? undefined : { state, detail: state === 'failed' ? 'boom' : state },
      );
    },
  };
  const deps = {
    runtime,
    probe,
    clock,
    sleep: (ms: number) => {
      clock.advance(ms);
      return Promise.resolve();
    },
    timeoutMs: 10_000,
    intervalMs: 1000,
    log: () => Promise.resolve(),
  };
  return { deps, clock, calls };
}

const target: VerifyTarget = {
  containerId: 'new',
  coreBaseUrl: 'http://127.0.0.1:8080',
  healthEndpoint: '/api/v1/health',
  expectedVersion: '1.7.9',
  legacyCore: false,
  imageVersionLabel: '1.7.9',
};

describe('verifyUpgrade', () => {
  const cases: [string, Script, Partial<VerifyTarget>, object][] = [
    ['passes when healthy, on version, migrated', { version: '1.7.9' }, {}, { ok: true }],
    [
      'waits for health within the window',
      { health: [false, false, true], version: '1.7.9' },
      {},
      { ok: true },
    ],
    [
      'fails HEALTHCHECK_FAILED when never healthy',
      { health: [false], version: '1.7.9' },
      {},
      { ok: false, code: 'HEALTHCHECK_FAILED' },
    ],
    [
      'fails at once when the container exited',
      { running: [false] },
      {},
      { ok: false, code: 'HEALTHCHECK_FAILED' },
    ],
    [
      'fails VERSION_MISMATCH on another version',
      { version: '1.7.8' },
      {},
      { ok: false, code: 'VERSION_MISMATCH' },
    ],
    ['takes v1.7.9 as 1.7.9', { version: 'v1.7.9' }, {}, { ok: true }],
    [
      'falls back to the image label without a version endpoint',
      { version: undefined },
      {},
      { ok: true },
    ],
    [
      'fails MIGRATION_FAILED when migrations failed',
      { version: '1.7.9', migrations: ['failed'] },
      {},
      { ok: false, code: 'MIGRATION_FAILED' },
    ],
    [
      'waits for running migrations',
      { version: '1.7.9', migrations: ['running', 'running', 'complete'] },
      {},
      { ok: true },
    ],
    [
      'fails MIGRATION_FAILED when migrations outlast the window',
      { version: '1.7.9', migrations: ['running'] },
      {},
      { ok: false, code: 'MIGRATION_FAILED' },
    ],
    [
      'skips migrations a core does not report',
      { version: '1.7.9', migrations: [undefined] },
      {},
      { ok: true },
    ],
    [
      'checks a legacy core by its root page and label',
      { version: '9.9.9' },
      { legacyCore: true },
      { ok: true },
    ],
  ];
  for (const [name, script, overrides, expected] of cases) {
    it(name, async () => {
      const { deps } = setup(script);
      const result = await verifyUpgrade(deps, { ...target, ...overrides });
      expect(result).to.include(expected);
    });
  }

  it('stops waiting for health at the deadline, not later', async () => {
    const { deps, clock } = setup({ health: [false] });
    const start = clock.now().getTime();
    await verifyUpgrade(deps, target);
    expect(clock.now().getTime() - start).to.be.at.most(10_000);
  });

  it('asks a legacy core for its root page', async () => {
    const { deps, calls } = setup({});
    await verifyUpgrade(deps, { ...target, legacyCore: true });
    expect(calls).to.deep.equal(['health /']);
  });

  it('records when the core became healthy', async () => {
    const { deps } = setup({ health: [false, true], version: '1.7.9' });
    const result = await verifyUpgrade(deps, target);
    expect(result.healthyAt?.toISOString()).to.equal('2026-01-27T14:30:01.000Z');
  });
});
