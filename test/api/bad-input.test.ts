import { expect } from 'chai';
import request from 'supertest';
import { createHarness, type Harness } from './api-harness.js';

interface BadRequest {
  name: string;
  path?: string;
  body: string;
  contentType?: string;
  status: number;
  code: string;
}

const json = 'application/json';
const table: BadRequest[] = [
  { name: 'malformed JSON', body: '{"mode":', status: 400, code: 'INVALID_JSON' },
  { name: 'a JSON array', body: '[1,2]', status: 400, code: 'INVALID_REQUEST' },
  { name: 'a JSON string', body: '"DASHBOARD"', status: 400, code: 'INVALID_JSON' },
  { name: 'an empty object', body: '{}', status: 400, code: 'INVALID_REQUEST' },
  { name: 'no body at all', body: '', status: 400, code: 'INVALID_REQUEST' },
  {
    name: 'mode of the wrong type',
    body: '{"mode":1,"requested_target":"1.9.0"}',
    status: 400,
    code: 'INVALID_REQUEST',
  },
  {
    name: 'target of the wrong type',
    body: '{"mode":"MANUAL","requested_target":["1.9.0"]}',
    status: 400,
    code: 'INVALID_REQUEST',
  },
  {
    name: 'an unknown mode',
    body: '{"mode":"AUTO","requested_target":"1.9.0"}',
    status: 400,
    code: 'INVALID_MODE',
  },
  { name: 'a missing target', body: '{"mode":"MANUAL"}', status: 400, code: 'INVALID_TARGET' },
  {
    name: 'a target with shell characters',
    body: '{"mode":"MANUAL","requested_target":"1.9.0;rm -rf /"}',
    status: 400,
    code: 'INVALID_TARGET',
  },
  {
    name: 'a target with $()',
    body: '{"mode":"MANUAL","requested_target":"$(id)"}',
    status: 400,
    code: 'INVALID_TARGET',
  },
  {
    name: 'a target with path characters',
    body: '{"mode":"MANUAL","requested_target":"../../etc/passwd"}',
    status: 400,
    code: 'INVALID_TARGET',
  },
  {
    name: 'aliases that disagree',
    body: '{"mode":"MANUAL","requested_target":"1.9.0","requestedTarget":"1.9.1"}',
    status: 400,
    code: 'INVALID_REQUEST',
  },
  {
    name: 'a current_version with shell characters',
    body: '{"mode":"MANUAL","requested_target":"1.9.0","current_version":"`id`"}',
    status: 400,
    code: 'INVALID_REQUEST',
  },
  {
    name: 'a form body',
    body: 'mode=MANUAL',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a plain text body',
    body: 'MANUAL 1.9.0',
    contentType: 'text/plain',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'an oversized body',
    body: JSON.stringify({ mode: 'MANUAL', requested_target: '1.9.0', pad: 'x'.repeat(20000) }),
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
];

describe('bad input to the API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  for (const path of ['/upgrade', '/upgrade/run', '/upgrade/plan']) {
    for (const bad of table) {
      it(`POST ${path} with ${bad.name} → ${bad.status} ${bad.code}, nothing changed`, async () => {
        const res = await request(h.server)
          .post(path)
          .set('Content-Type', bad.contentType ?? json)
          .send(bad.body)
          .expect(bad.status);

        expect(res.body.code).to.equal(bad.code);
        expect(res.body.error).to.be.a('string').and.not.empty;
        expect(await h.jobs.loadCurrent()).to.equal(undefined);
        expect(await h.history.query({ limit: 10 })).to.deep.equal([]);
      });
    }
  }

  for (const query of [
    'limit=0',
    'limit=1001',
    'limit=abc',
    'limit=-5',
    'type=deploy',
    'status=done',
  ]) {
    it(`GET /history?${query} → 400 INVALID_QUERY`, async () => {
      const res = await request(h.server).get(`/history?${query}`).expect(400);
      expect(res.body.code).to.equal('INVALID_QUERY');
    });
  }

  it('answers unknown routes with 404 NOT_FOUND and wrong methods with 405', async () => {
    const missing = await request(h.server).get('/nope').expect(404);
    expect(missing.body.code).to.equal('NOT_FOUND');
    const wrong = await request(h.server).delete('/upgrade/status').expect(405);
    expect(wrong.body.code).to.equal('METHOD_NOT_ALLOWED');
  });
});

describe('API access control', () => {
  const token = 'a-long-enough-test-token-0123456789';
  const body = { mode: 'MANUAL', requested_target: '1.9.0' };

  it('refuses requests from a source outside the allow list with 403', async () => {
    const h = await createHarness({ allowedSources: ['10.0.0.0/8'] });
    try {
      const res = await request(h.server).get('/health').expect(403);
      expect(res.body.code).to.equal('FORBIDDEN_SOURCE');
      await request(h.server).post('/upgrade').send(body).expect(403);
      expect(await h.jobs.loadCurrent()).to.equal(undefined);
    } finally {
      await h.close();
    }
  });

  it('requires the bearer token on state-changing requests only, and never echoes it', async () => {
    const h = await createHarness({ apiToken: token });
    try {
      const missing = await request(h.server).post('/upgrade').send(body).expect(401);
      expect(missing.body.code).to.equal('UNAUTHORIZED');
      const wrong = await request(h.server)
        .post('/upgrade')
        .set('Authorization', 'Bearer not-the-token')
        .send(body)
        .expect(401);
      expect(JSON.stringify(wrong.body)).not.to.include('not-the-token');
      expect(await h.jobs.loadCurrent()).to.equal(undefined);

      await request(h.server).get('/upgrade/status').expect(200);
      await request(h.server)
        .post('/upgrade')
        .set('Authorization', `Bearer ${token}`)
        .send(body)
        .expect(201);
      expect(JSON.stringify(h.logger.records)).not.to.include(token);
    } finally {
      await h.close();
    }
  });
});
