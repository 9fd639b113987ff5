import { expect } from 'chai';
import request from 'supertest';
import { UpdaterError } from '../../src/shared/updater-error.js';
import { deferred, tenReleasePolicy } from '../support/fake-ports.js';
import { createHarness, type Harness } from './api-harness.js';

describe('upgrade routes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  describe('GET /health', () => {
    it('answers healthy', async () => {
      const res = await request(h.server).get('/health').expect(200);
      expect(res.body).to.deep.equal({ status: 'healthy' });
    });
  });

  describe('GET /upgrade/status', () => {
    it('is IDLE with empty fields before any job', async () => {
      const res = await request(h.server).get('/upgrade/status').expect(200);
      expect(res.body.state).to.equal('IDLE');
      expect(res.body.job_id).to.equal('');
      expect(res.body.error_code).to.equal('');
    });
  });

  describe('POST /upgrade', () => {
    it('refuses a dashboard upgrade onto a breakpoint with 422 and the failed job, and records it', async () => {
      const res = await request(h.server)
        .post('/upgrade')
        .send({ mode: 'DASHBOARD', requested_target: '1.8.0' })
        .expect(422);
      expect(res.body).to.include({ state: 'FAILED', code: 'MANUAL_UPGRADE_REQUIRED' });
      expect(res.body.error_message).to.match(
        /^Dashboard upgrades to 1\.8\.0 are not allowed: Breaking change: manual step required\. See: https:\/\/docs\.example\.com\/1\.8/,
      );
      expect(res.body.recovery_playbook.code).to.equal('MANUAL_UPGRADE_REQUIRED');

      const status = await request(h.server).get('/upgrade/status').expect(200);
      expect(status.body).to.include({ job_id: res.body.job_id, state: 'FAILED' });
      const history = await request(h.server).get('/history').expect(200);
      expect(history.body.logs.map((e: { status: string }) => e.status)).to.deep.equal([
        'failed',
        'started',
      ]);
    });

    it('lets a manual upgrade through the same breakpoint and ends READY without changing anything', async () => {
      const res = await request(h.server)
        .post('/upgrade')
        .send({ mode: 'MANUAL', requested_target: '1.8.0' })
        .expect(201);
      expect(res.body).to.deep.equal({
        message: 'Upgrade job created successfully. State: READY',
        job_id: 'job-test-1',
        state: 'READY',
      });
      const logs = await request(h.server).get('/upgrade/logs').expect(200);
      expect(logs.text).to.match(/WARN .*1\.8\.0/);
      expect(logs.text).to.include('[dry-run] would: Pull payramapp/payram:1.8.0');
    });

    it('refuses a dashboard upgrade that crosses a breakpoint from the hinted version', async () => {
      const res = await request(h.server)
        .post('/upgrade')
        .send({ mode: 'DASHBOARD', requestedTarget: '1.9.0', currentVersion: '1.7.9' })
        .expect(422);
      expect(res.body.code).to.equal('MANUAL_UPGRADE_REQUIRED');
      expect(res.body.error_message).to.include('crosses breakpoint 1.8.0');
      expect(res.body.current_version).to.equal('1.7.9');
    });

    it('answers 409 while another job holds the lock', async () => {
      const policy = deferred();
      h.documents.policy = () => policy.promise.then(() => tenReleasePolicy);
      const body = { mode: 'MANUAL', requested_target: '1.9.0' };
      const first = request(h.server)
        .post('/upgrade')
        .send(body)
        .then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 100));

      const second = await request(h.server).post('/upgrade/run').send(body).expect(409);
      policy.resolve();

      expect(second.body).to.deep.equal({
        error: 'An upgrade job is already in progress',
        code: 'CONCURRENCY_BLOCKED',
      });
      expect((await first).status).to.equal(201);
    });

    it('resolves latest by semver and accepts POST /upgrade/run alike', async () => {
      await request(h.server)
        .post('/upgrade/run')
        .send({ mode: 'MANUAL', requested_target: 'latest' })
        .expect(201);
      const status = await request(h.server).get('/upgrade/status').expect(200);
      expect(status.body).to.include({ resolved_target: '1.12.0', state: 'READY' });
    });

    it('answers 502 with POLICY_FETCH_FAILED in dashboard mode when the policy cannot be had', async () => {
      h.documents.policy = () =>
        Promise.reject(new UpdaterError('POLICY_FETCH_FAILED', 'HTTP 503'));
      const res = await request(h.server)
        .post('/upgrade')
        .send({ mode: 'DASHBOARD', requested_target: '1.9.1' })
        .expect(502);
      expect(res.body).to.include({ code: 'POLICY_FETCH_FAILED', state: 'FAILED' });
    });

    it('carries on without the policy in manual mode, with a warning in the log', async () => {
      h.documents.policy = () =>
        Promise.reject(new UpdaterError('POLICY_INVALID_JSON', 'bad JSON'));
      await request(h.server)
        .post('/upgrade')
        .send({ mode: 'MANUAL', requested_target: 'local' })
        .expect(201);
      const logs = await request(h.server).get('/upgrade/logs').expect(200);
      expect(logs.text).to.match(/WARN .*Policy unavailable.*bad JSON/);
    });
  });

  describe('when planning crashes', () => {
    const crash = () => Promise.reject(new Error('socket hang up'));
    const body = { mode: 'MANUAL', requested_target: '1.9.0' };

    it('POST /upgrade answers 500 with the failed job, and records it', async () => {
      h.documents.policy = crash;

      const res = await request(h.server).post('/upgrade').send(body).expect(500);

      expect(res.body).to.include({ state: 'FAILED', code: 'INTERNAL_ERROR' });
      expect(res.body.error).to.equal('Unexpected error: socket hang up');
      const status = await request(h.server).get('/upgrade/status').expect(200);
      expect(status.body).to.include({ job_id: res.body.job_id, error_code: 'INTERNAL_ERROR' });
    });

    it('POST /upgrade/plan answers a generic 500 and logs the error once', async () => {
      h.documents.policy = crash;

      const res = await request(h.server).post('/upgrade/plan').send(body).expect(500);

      expect(res.body).to.deep.equal({
        error: 'Internal error; see the updater log',
        code: 'INTERNAL_ERROR',
      });
      const logged = h.logger.records.filter((r) => r.message === 'request failed');
      expect(logged.map((r) => r.level)).to.deep.equal(['error']);
    });
  });

  describe('POST /upgrade/plan', () => {
    it('returns the plan and creates no job', async () => {
      const res = await request(h.server)
        .post('/upgrade/plan')
        .send({ mode: 'DASHBOARD', requested_target: '1.9.1', current_version: '1.8.0' })
        .expect(200);
      expect(res.body.plan).to.include({
        allowed: true,
        resolved_target: '1.9.1',
        image: 'payramapp/payram:1.9.1',
        current_version: '1.8.0',
        current_version_source: 'hint',
        highest_dashboard_target: '1.9.1',
      });
      expect(res.body.plan.steps).to.have.length.greaterThan(3);
      const status = await request(h.server).get('/upgrade/status').expect(200);
      expect(status.body.state).to.equal('IDLE');
    });

    it('answers 502 with the refused plan when the manifest cannot be had', async () => {
      h.documents.manifest = () =>
        Promise.reject(new UpdaterError('MANIFEST_FETCH_FAILED', 'HTTP 503'));

      const res = await request(h.server)
        .post('/upgrade/plan')
        .send({ mode: 'MANUAL', requested_target: '1.9.0' })
        .expect(502);

      expect(res.body).to.include({ code: 'MANIFEST_FETCH_FAILED', error: 'HTTP 503' });
      expect(res.body.plan).to.include({ allowed: false, error_code: 'MANIFEST_FETCH_FAILED' });
    });

    it('names the highest release the dashboard may reach when refused', async () => {
      const res = await request(h.server)
        .post('/upgrade/plan')
        .send({ mode: 'DASHBOARD', requested_target: '1.12.0', current_version: '1.8.0' })
        .expect(422);
      expect(res.body.code).to.equal('MANUAL_UPGRADE_REQUIRED');
      expect(res.body.plan.highest_dashboard_target).to.equal('1.9.1');
      expect(
        res.body.plan.breakpoints_in_the_way.map((b: { version: string }) => b.version),
      ).to.deep.equal(['1.10.0']);
    });
  });

  describe('GET /upgrade/last and /upgrade/playbook', () => {
    it('are empty before a job, then show the last finished job and its playbook', async () => {
      await request(h.server).get('/upgrade/last').expect(404);
      const none = await request(h.server).get('/upgrade/playbook').expect(200);
      expect(none.body).to.deep.equal({ playbook: null });

      await request(h.server)
        .post('/upgrade')
        .send({ mode: 'DASHBOARD', requested_target: '1.10.0' });
      const last = await request(h.server).get('/upgrade/last').expect(200);
      expect(last.body).to.include({ state: 'FAILED', error_code: 'MANUAL_UPGRADE_REQUIRED' });
      const playbook = await request(h.server).get('/upgrade/playbook').expect(200);
      expect(playbook.body.playbook).to.include({
        code: 'MANUAL_UPGRADE_REQUIRED',
        severity: 'MANUAL_REQUIRED',
      });
    });
  });
});
