import { expect } from 'chai';
import request from 'supertest';
import { UpdaterError } from '../../src/shared/updater-error.js';
import { tenReleasePolicy } from '../support/fake-ports.js';
import { createHarness, type Harness } from './api-harness.js';

describe('backup routes and recover', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    h.inspector.observation = {
      kind: 'found',
      container: { name: 'payram', image: 'payramapp/payram:1.7.8', running: true },
      version: { version: '1.7.8', source: 'label' },
    };
  });
  afterEach(() => h.close());

  describe('POST /backups, GET /backups', () => {
    it('creates a manual backup and lists it, with history events', async () => {
      const created = await request(h.server).post('/backups').send({}).expect(201);
      expect(created.body.backup).to.include({
        kind: 'manual',
        target_version: 'manual',
        database: 'payram',
      });
      const listed = await request(h.server).get('/backups').expect(200);
      expect(listed.body).to.include({ success: true, count: 1 });
      const history = await request(h.server).get('/history?type=backup').expect(200);
      expect(history.body.logs.map((e: { status: string }) => e.status)).to.deep.equal([
        'succeeded',
        'started',
      ]);
    });

    it('refuses a backup while an upgrade holds the lock', async () => {
      let release = (): void => {};
      h.documents.policy = () =>
        new Promise(
          (resolve) =>
            (release = () => {
              resolve(tenReleasePolicy);
            }),
        );
      const upgrade = request(h.server)
        .post('/upgrade')
        .send({ mode: 'MANUAL', requested_target: '1.9.0' })
        .then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const res = await request(h.server).post('/backups').send({}).expect(409);
      expect(res.body.code).to.equal('CONCURRENCY_BLOCKED');
      release();
      expect((await upgrade).status).to.equal(201);
    });
  });

  describe('POST /backups when it cannot be done', () => {
    const cases: [string, (h: Harness) => void, number, string, string][] = [
      [
        'Payram is not running',
        (h) => {
          h.inspector.observation = { kind: 'not-found', reason: 'no container named payram' };
        },
        422,
        'CONTAINER_NOT_FOUND',
        'The Payram container must run for this: no container named payram',
      ],
      [
        'the manifest cannot be had',
        (h) => {
          h.documents.manifest = () =>
            Promise.reject(new UpdaterError('MANIFEST_FETCH_FAILED', 'HTTP 503'));
        },
        502,
        'MANIFEST_FETCH_FAILED',
        'HTTP 503',
      ],
      [
        'the disk is too full',
        (h) => {
          h.backups.checkSpace = () =>
            Promise.reject(new UpdaterError('DISK_SPACE_LOW', 'BACKUP_DIR needs 3 GB'));
        },
        500,
        'DISK_SPACE_LOW',
        'BACKUP_DIR needs 3 GB',
      ],
    ];
    for (const [name, arrange, status, code, error] of cases) {
      it(`answers ${status} ${code} when ${name}, and records the failure`, async () => {
        arrange(h);

        const res = await request(h.server).post('/backups').send({}).expect(status);

        expect(res.body).to.deep.equal({ error, code });
        const history = await request(h.server).get('/history?type=backup').expect(200);
        expect(history.body.logs.map((e: { status: string }) => e.status)).to.deep.equal([
          'failed',
          'started',
        ]);
      });
    }
  });

  describe('POST /backups/restore', () => {
    const bad: [string, object, number, string][] = [
      ['without confirm', { id: 'x' }, 400, 'CONFIRMATION_REQUIRED'],
      ['with confirm false', { id: 'x', confirm: false }, 400, 'CONFIRMATION_REQUIRED'],
      ['with both id and file', { id: 'x', file: 'y', confirm: true }, 400, 'INVALID_REQUEST'],
      ['with neither', { confirm: true }, 400, 'INVALID_REQUEST'],
      ['with an unknown id', { id: 'nope', confirm: true }, 404, 'BACKUP_NOT_FOUND'],
    ];
    for (const [name, body, status, code] of bad) {
      it(`refuses a restore ${name} → ${status} ${code}, restoring nothing`, async () => {
        const res = await request(h.server).post('/backups/restore').send(body).expect(status);
        expect(res.body.code).to.equal(code);
        expect(h.backups.restored).to.deep.equal([]);
      });
    }

    it('restores a backup by id when confirmed', async () => {
      const created = await request(h.server).post('/backups').send({}).expect(201);
      const id = created.body.backup.id as string;
      const res = await request(h.server)
        .post('/backups/restore')
        .send({ id, confirm: true })
        .expect(200);
      expect(res.body).to.include({ success: true });
      expect(h.backups.restored).to.deep.equal([id]);
    });
  });

  describe('POST /upgrade/recover', () => {
    it('has nothing to recover before a failure', async () => {
      const res = await request(h.server).post('/upgrade/recover').expect(409);
      expect(res.body.code).to.equal('NOTHING_TO_RECOVER');
    });

    it('retries a retryable failure with the same mode and target', async () => {
      h.documents.policy = () =>
        Promise.reject(new UpdaterError('POLICY_FETCH_FAILED', 'HTTP 503'));
      await request(h.server)
        .post('/upgrade')
        .send({ mode: 'DASHBOARD', requested_target: '1.7.9' })
        .expect(502);
      h.documents.policy = () => Promise.resolve(tenReleasePolicy);
      const res = await request(h.server).post('/upgrade/recover').expect(200);
      expect(res.body).to.include({ action: 'retried', state: 'READY' });
      const status = await request(h.server).get('/upgrade/status').expect(200);
      expect(status.body).to.include({
        mode: 'DASHBOARD',
        requested_target: '1.7.9',
        state: 'READY',
      });
    });

    it('refuses where the playbook says manual, and gives the steps', async () => {
      await request(h.server)
        .post('/upgrade')
        .send({ mode: 'DASHBOARD', requested_target: '1.8.0' })
        .expect(422);
      const res = await request(h.server).post('/upgrade/recover').expect(422);
      expect(res.body).to.include({
        code: 'RECOVERY_REFUSED',
        failure_code: 'MANUAL_UPGRADE_REQUIRED',
      });
      expect(res.body.manual_steps).to.be.an('array').that.is.not.empty;
      const history = await request(h.server).get('/history').expect(200);
      expect(history.body.logs).to.have.length(2);
    });
  });
});
