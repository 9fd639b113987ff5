import { expect } from 'chai';
import { createDaemonClient } from '../../src/cli/client.js';
import { DaemonConnectionError, DaemonError } from '../../src/cli/daemon-errors.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

describe('createDaemonClient', () => {
  let daemon: FakeDaemon;
  const client = (timeoutMs = 2000) =>
    createDaemonClient({ baseUrl: daemon.url, token: undefined, fetch, timeoutMs });

  beforeEach(async () => {
    daemon = await startFakeDaemon();
  });
  afterEach(() => daemon.close());

  it('gives up with a connection error when the daemon does not answer in time', async () => {
    daemon.routes.set('GET /upgrade/status', () => {
      // Never answers: the client's deadline has to end the wait.
    });

    const error: unknown = await client(100)
      .getJson('/upgrade/status')
      .catch((e: unknown) => e);

    expect(error).to.be.instanceOf(DaemonConnectionError);
    expect((error as Error).message).to.equal(
      `payram-updater daemon is not reachable at ${daemon.url} (no answer within 0.1 s). ` +
        'Is it running? Start it with `payram-updater serve` or check UPDATER_PORT.',
    );
  });

  const errors: { name: string; status: number; body: string; expected: object }[] = [
    {
      name: 'an API error',
      status: 400,
      body: '{"error":"mode is required","code":"INVALID_REQUEST"}',
      expected: { status: 400, code: 'INVALID_REQUEST', message: 'mode is required' },
    },
    {
      name: 'a FAILED job',
      status: 422,
      body: '{"job_id":"job-1","state":"FAILED","error_code":"TARGET_NOT_RELEASED","error_message":"9.9.9 is not released"}',
      expected: { status: 422, code: 'TARGET_NOT_RELEASED', message: '9.9.9 is not released' },
    },
    {
      name: 'a plain-text error from a proxy',
      status: 502,
      body: 'Bad Gateway\n',
      expected: { status: 502, code: 'HTTP_502', message: 'Bad Gateway' },
    },
  ];
  for (const { name, status, body, expected } of errors) {
    it(`turns ${name} into a DaemonError`, async () => {
      daemon.routes.set('POST /upgrade/plan', (response) => {
        response.statusCode = status;
        response.end(body);
      });

      const error: unknown = await client()
        .postJson('/upgrade/plan', {})
        .catch((e: unknown) => e);

      expect(error).to.be.instanceOf(DaemonError);
      const { status: got, code, message } = error as DaemonError;
      expect({ status: got, code, message }).to.deep.equal(expected);
    });
  }

  it('refuses a 2xx answer that is not JSON', async () => {
    daemon.routes.set('GET /upgrade/status', { text: '<html>' });

    const error: unknown = await client()
      .getJson('/upgrade/status')
      .catch((e: unknown) => e);

    expect(error).to.be.instanceOf(DaemonError);
    expect((error as DaemonError).code).to.equal('UNEXPECTED_RESPONSE');
  });
});
