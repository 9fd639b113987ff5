import { expect } from 'chai';
import request from 'supertest';
import type { ContainerSnapshot } from '../../src/container/container-snapshot.js';
import { createJob, failJob } from '../../src/jobs/job.js';
import { plainSnapshot } from '../docker/fixtures/snapshots.js';
import { createHarness, type Harness } from './api-harness.js';

function payram(image: string): ContainerSnapshot {
  const snapshot = structuredClone(plainSnapshot);
  Object.assign(snapshot, { id: `id-${image}`, name: 'payram', imageRef: image, running: true });
  Object.assign(snapshot, { status: 'running', health: 'none' });
  snapshot.hostConfig.networkMode = 'bridge';
  snapshot.publishedPorts = [{ containerPort: '8080/tcp', hostIp: '0.0.0.0', hostPort: '18080' }];
  return snapshot;
}

const checkedAt = '2026-01-27T14:30:52.000Z';

describe('GET /upgrade/inspect', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    h.engine.containers = [payram('payramapp/payram:1.8.0')];
  });
  afterEach(() => h.close());

  it('answers a healthy installation in the contract shape, snake_case, with checked_at', async () => {
    const res = await request(h.server).get('/upgrade/inspect').expect(200);

    expect(res.body).to.deep.equal({
      overall_state: 'OK',
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
      playbook: null,
      update: {
        current_version: '1.8.0',
        latest_version: '1.12.0',
        dashboard_can_upgrade: true,
        dashboard_max_target: '1.9.1',
      },
      checked_at: checkedAt,
    });
  });

  it('is BROKEN with the Docker issue and advice when the engine is unreachable', async () => {
    h.engine.dockerUp = false;

    const res = await request(h.server).get('/upgrade/inspect').expect(200);

    expect(res.body.overall_state).to.equal('BROKEN');
    expect(res.body.issues).to.deep.equal([
      {
        component: 'docker',
        severity: 'CRITICAL',
        description: 'Docker is not reachable: connect ENOENT docker.sock',
      },
    ]);
    expect(res.body.recommendations).to.deep.equal([
      'Check that the Docker daemon runs and that the updater can reach it (DOCKER_HOST)',
    ]);
    expect(res.body.update).to.deep.equal({
      current_version: null,
      latest_version: '1.12.0',
      dashboard_can_upgrade: false,
      dashboard_max_target: null,
    });
  });

  it('attaches the same playbook as GET /upgrade/playbook, and a refused request is only INFO', async () => {
    await request(h.server)
      .post('/upgrade')
      .send({ mode: 'DASHBOARD', requested_target: '1.10.0' })
      .expect(422);

    const res = await request(h.server).get('/upgrade/inspect').expect(200);
    const playbook = await request(h.server).get('/upgrade/playbook').expect(200);

    // The dashboard's request was refused while planning: nothing was touched.
    expect(res.body.overall_state).to.equal('OK');
    expect(res.body.issues[0].severity).to.equal('INFO');
    expect(res.body.playbook).to.deep.equal(playbook.body.playbook);
    expect(res.body.playbook.code).to.equal('MANUAL_UPGRADE_REQUIRED');
    expect(res.body.issues.map((i: { component: string }) => i.component)).to.deep.equal([
      'last_job',
    ]);
  });

  it('is BROKEN after a failed migration and OK once the old version runs again', async () => {
    const job = createJob({
      id: 'job-9',
      mode: 'DASHBOARD',
      executionMode: 'execute',
      requestedTarget: '1.9.0',
      now: new Date(checkedAt),
    });
    const failed = failJob(job, 'MIGRATION_FAILED', 'Migrations failed: boom', new Date(checkedAt));
    await h.jobs.save({ ...failed, container: 'payram', image: 'payramapp/payram:1.9.0' });
    h.engine.containers = [payram('payramapp/payram:1.9.0')];

    const broken = await request(h.server).get('/upgrade/inspect').expect(200);
    h.engine.containers = [payram('payramapp/payram:1.8.0')];
    const recovered = await request(h.server).get('/upgrade/inspect').expect(200);

    expect(broken.body.overall_state).to.equal('BROKEN');
    expect(broken.body.recommendations).to.deep.equal([
      'Follow the playbook: payram-updater status',
    ]);
    expect(broken.body.playbook.code).to.equal('MIGRATION_FAILED');
    expect(broken.body.playbook.auto_recoverable).to.equal(false);
    expect(recovered.body.overall_state).to.equal('OK');
    expect(recovered.body.issues).to.deep.equal([
      {
        component: 'last_job',
        severity: 'INFO',
        description:
          'Upgrade job job-9 failed with MIGRATION_FAILED: Migrations failed: boom ' +
          '(resolved: payram now runs payramapp/payram:1.8.0)',
      },
    ]);
  });

  it('refuses other methods with 405', async () => {
    const res = await request(h.server).post('/upgrade/inspect').send({}).expect(405);

    expect(res.body.code).to.equal('METHOD_NOT_ALLOWED');
  });
});
