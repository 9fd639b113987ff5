import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

describe('payram-updater health', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'GET /health': { json: { status: 'healthy' } } });
  });
  afterEach(() => daemon.close());

  it('exits 0 when the daemon answers healthy', async () => {
    expect(await runCli(['health'], { daemonUrl: daemon.url })).to.deep.equal({
      code: 0,
      stdout: 'healthy\n',
      stderr: '',
    });
  });

  it('exits 1 when the daemon answers something else', async () => {
    daemon.routes.set('GET /health', { json: { status: 'starting' } });
    expect(await runCli(['health'], { daemonUrl: daemon.url })).to.deep.equal({
      code: 1,
      stdout: 'unhealthy: {"status":"starting"}\n',
      stderr: '',
    });
  });

  it('exits 1 when no daemon listens', async () => {
    await daemon.close();
    const result = await runCli(['health'], { daemonUrl: daemon.url });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include(daemon.url);
  });
});
