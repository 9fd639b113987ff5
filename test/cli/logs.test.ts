import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { runCli, runCliRecordingWrites } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

const snapshot = '2026-01-27T14:30:52Z Fetching the release policy\n2026-01-27T14:30:53Z READY\n';

describe('payram-updater logs', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'GET /upgrade/logs': { text: snapshot } });
  });
  afterEach(() => daemon.close());

  it('prints the job log as the daemon sent it', async () => {
    const result = await runCli(['logs'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({ code: 0, stdout: snapshot, stderr: '' });
    expect(daemon.requests.map((r) => r.url)).to.deep.equal(['/upgrade/logs']);
  });

  it('with -f prints each chunk as it arrives until the daemon ends the log', async () => {
    daemon.routes.set('GET /upgrade/logs', async (response) => {
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.write('BACKING_UP: pg_dump started\n');
      await sleep(150);
      response.end('READY: upgrade finished\n');
    });

    const { outcome, stdoutWrites } = await runCliRecordingWrites(['logs', '-f'], {
      daemonUrl: daemon.url,
    });

    expect(outcome).to.deep.equal({
      code: 0,
      stdout: 'BACKING_UP: pg_dump started\nREADY: upgrade finished\n',
      stderr: '',
    });
    expect(stdoutWrites).to.deep.equal([
      'BACKING_UP: pg_dump started\n',
      'READY: upgrade finished\n',
    ]);
    expect(daemon.requests.map((r) => r.url)).to.deep.equal(['/upgrade/logs?follow=1']);
  });

  it('exits 1 with the daemon error when the log cannot be read', async () => {
    daemon.routes.set('GET /upgrade/logs', {
      status: 500,
      json: { error: 'Internal error', code: 'INTERNAL_ERROR' },
    });

    const result = await runCli(['logs', '--follow'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 1,
      stdout: '',
      stderr: 'Error (INTERNAL_ERROR): Internal error\n',
    });
  });
});
