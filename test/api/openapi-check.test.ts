import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { apiChecker, expectFetchDocumented, type Exchange } from '../support/openapi-check.js';
import { createHarness, type Harness } from './api-harness.js';
import { watchResponses } from './documented-responses.js';

const json = 'application/json; charset=utf-8';
const answer = (method: string, path: string, status: number, body: unknown): Exchange => ({
  method,
  path,
  status,
  contentType: json,
  body,
});
const notFound = { error: 'No route', code: 'NOT_FOUND' };
const notAllowed = { error: 'Method not allowed', code: 'METHOD_NOT_ALLOWED' };

describe('the OpenAPI checker', () => {
  // A string is the whole message; a pattern picks out the line that matters.
  const table: [string, Exchange, string | RegExp | undefined][] = [
    ['a documented answer', answer('GET', '/health', 200, { status: 'healthy' }), undefined],
    [
      'a body missing a required field',
      answer('GET', '/health', 200, {}),
      'GET /health → 200 application/json does not match the OpenAPI document ' +
        "(#/paths/~1health/get/responses/200):\n  body must have required property 'status'\nbody: {}",
    ],
    [
      'a property the document does not list',
      answer('GET', '/health', 200, { status: 'healthy', uptime: 3 }),
      /body must NOT have additional properties/,
    ],
    [
      'an error code that belongs to another status',
      answer('GET', '/upgrade/last', 404, { error: 'x', code: 'BODY_TOO_LARGE' }),
      /body\/code must be equal to one of the allowed values/,
    ],
    [
      'a status the operation does not document',
      answer('GET', '/health', 418, {}),
      'GET /health → 418: status 418 is not documented for GET /health (documented: 200, 403, 500)',
    ],
    [
      'a content type the response does not document',
      { ...answer('GET', '/upgrade/logs', 200, ''), contentType: 'application/json' },
      /content type "application\/json" is not documented \(documented: text\/plain\)/,
    ],
    [
      'a route the document does not list',
      answer('GET', '/metrics', 200, {}),
      'GET /metrics → 200: this path is not documented, and 200 is no answer for it',
    ],
    [
      'a method the document does not list on a documented path',
      answer('DELETE', '/backups', 200, {}),
      'DELETE /backups → 200: this method on a documented path is not documented, and 200 is no answer for it',
    ],
    ['404 for a path not listed', answer('GET', '/nope', 404, notFound), undefined],
    ['405 for a method not listed', answer('PUT', '/upgrade/status', 405, notAllowed), undefined],
    [
      '405 for a path not listed',
      answer('PUT', '/nope', 405, notAllowed),
      'PUT /nope → 405: this path is not documented, and 405 is no answer for it',
    ],
    [
      'a query string and a trailing slash',
      answer('GET', '/history/?limit=5', 200, { logs: [] }),
      undefined,
    ],
  ];

  for (const [name, exchange, expected] of table) {
    it(`${expected === undefined ? 'accepts' : 'rejects'} ${name}`, () => {
      const violation = apiChecker().violation(exchange);

      if (expected instanceof RegExp) expect(violation).to.match(expected);
      else expect(violation).to.equal(expected);
    });
  }
});

describe('checking real responses against the OpenAPI document', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('accepts a refused job as the app sends it and rejects it without its job_id', async () => {
    const res = await request(h.server)
      .post('/upgrade')
      .send({ mode: 'DASHBOARD', requested_target: '1.8.0' })
      .expect(422);
    const exchange = answer('POST', '/upgrade', 422, res.body);
    const withoutId = { ...res.body };
    delete withoutId.job_id;

    expect(apiChecker().violation(exchange)).to.equal(undefined);
    expect(apiChecker().violation({ ...exchange, body: withoutId })).to.match(
      /must have required property 'job_id'/,
    );
  });

  it('checks what fetch got from a running daemon', async () => {
    if (!h.server.listening) await once(h.server, 'listening');
    const address = h.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const url = `http://127.0.0.1:${address.port}`;

    const status = await fetch(`${url}/upgrade/status`);
    const body = (await status.json()) as Record<string, unknown>;
    const logs = await fetch(`${url}/upgrade/logs`);

    expectFetchDocumented('GET', status, body);
    expectFetchDocumented('GET', logs, await logs.text());
    expect(() => {
      expectFetchDocumented('GET', status, { ...body, state: 'ASLEEP' });
    }).to.throw(/GET \/upgrade\/status → 200 .*does not match/);
  });
});

describe('the harness watching every response', () => {
  let server: Server;
  afterEach(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  );

  it('reports a response that drifted from the document, with the body it got', async () => {
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', json);
      res.write('{"status":');
      res.end('"sick"}');
    });
    const watch = watchResponses(server);
    server.listen(0, '127.0.0.1');

    await request(server).get('/health').expect(200);

    expect(watch.violations).to.have.length(1);
    expect(() => {
      watch.assertDocumented();
    }).to.throw(
      /1 response\(s\) do not match[\s\S]*body\/status must be equal to constant[\s\S]*"sick"/,
    );
  });
});
