import { expect } from 'chai';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { buildDummyImage, dummyRepo, startDummy, type StartedDummy } from './support/data-dummy.js';
import { postJson, type DaemonProcess } from './support/daemon-process.js';
import {
  containersNamed,
  docker,
  getHistory,
  jobLog,
  psql,
  removeContainersNamed,
  requestUpgrade,
  startExecuteDaemon,
  waitForEnd,
} from './support/upgrade-harness.js';

const name = 'payram-it-exec';

async function versionOf(payram: StartedDummy): Promise<string> {
  const res = await fetch(`${payram.baseUrl}/api/v1/version`);
  return ((await res.json()) as { version: string }).version;
}

describe('execute mode: upgrading the data-dummy Payram on the real engine', () => {
  let dir: TempDir;
  let payram: StartedDummy;
  let daemon: DaemonProcess | undefined;

  before(async () => {
    await buildDummyImage('1.7.8');
  });

  beforeEach(async () => {
    dir = await makeTempDir();
    payram = await startDummy({
      image: `${dummyRepo}:1.7.8`,
      name,
      dataDir: join(dir.path, 'pgdata'),
    });
    await psql(name, 'INSERT INTO payments(amount) VALUES (42.50)');
    daemon = await startExecuteDaemon(dir.path, name);
  });
  afterEach(async () => {
    await daemon?.kill('SIGKILL');
    await removeContainersNamed(name);
    await dir.remove();
  });

  async function expectRolledBack(): Promise<void> {
    const after = await docker.getContainer(name).inspect();
    expect(after.Id).to.equal(payram.id);
    expect(after.State.Running).to.equal(true);
    expect(after.HostConfig.RestartPolicy?.Name).to.equal('unless-stopped');
    expect(await versionOf(payram)).to.equal('1.7.8');
    expect((await containersNamed(name)).map((c) => c.name)).to.deep.equal([name]);
    expect(await psql(name, 'SELECT amount FROM payments')).to.equal('42.50');
  }

  it('upgrades 1.7.8 → 1.7.9: the new container serves the new version with the old data', async () => {
    await buildDummyImage('1.7.9');
    const started = await requestUpgrade(daemon!, '1.7.9');
    expect(started.state).to.equal('BACKING_UP');

    const job = await waitForEnd(daemon!);
    expect(job).to.include({ state: 'READY', error_code: '' });
    expect(job.downtime_ms).to.be.a('number').greaterThan(0).and.lessThan(60_000);
    const after = await docker.getContainer(name).inspect();
    expect(after.Config.Image).to.equal(`${dummyRepo}:1.7.9`);
    expect(after.Id).not.to.equal(payram.id);
    expect(await versionOf(payram)).to.equal('1.7.9');
    expect(await psql(name, 'SELECT amount FROM payments')).to.equal('42.50');
    expect(
      await psql(name, "SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations"),
    ).to.equal('1.7.8,1.7.9');
    expect((await containersNamed(name)).map((c) => c.name)).to.deep.equal([name]);

    const history = await getHistory(daemon!, 'type=upgrade&status=succeeded');
    expect(history[0]).to.include({ job_id: job.job_id, downtime_ms: job.downtime_ms });
    const log = await jobLog(daemon!);
    expect(log).to.include('change: image');
    expect(log).not.to.include(payram.password);
  });

  it('rolls back an unhealthy new version: HEALTHCHECK_FAILED, the old container serving under its name', async () => {
    await buildDummyImage('1.9.0', 'unhealthy');
    await requestUpgrade(daemon!, '1.9.0');
    const job = await waitForEnd(daemon!);
    expect(job).to.include({ state: 'FAILED', error_code: 'HEALTHCHECK_FAILED' });
    expect(job.error_message).to.include('rolled back');
    await expectRolledBack();
    expect(await jobLog(daemon!)).to.match(/Rolled back: payram-it-exec runs .*1\.7\.8 again/);
  });

  it('rolls back a wrong version: VERSION_MISMATCH', async () => {
    await buildDummyImage('1.9.1', 'wrong-version');
    await requestUpgrade(daemon!, '1.9.1');
    const job = await waitForEnd(daemon!);
    expect(job).to.include({ state: 'FAILED', error_code: 'VERSION_MISMATCH' });
    expect(job.error_message).to.include('1.9.1-wrong');
    await expectRolledBack();
  });

  it('does not roll back a failed migration: MIGRATION_FAILED, the old container kept aside', async () => {
    await buildDummyImage('1.10.0', 'fail-migration');
    await requestUpgrade(daemon!, '1.10.0');
    const job = await waitForEnd(daemon!);
    expect(job).to.include({ state: 'FAILED', error_code: 'MIGRATION_FAILED' });
    const containers = await containersNamed(name);
    expect(containers.map((c) => [c.image, c.state])).to.deep.equal([
      [`${dummyRepo}:1.10.0`, 'running'],
      [`${dummyRepo}:1.7.8`, 'exited'],
    ]);
    expect(containers[1]!.name).to.match(/^payram-it-exec-prev-/);
    const playbook = job.recovery_playbook as {
      code: string;
      auto_recoverable: boolean;
      ssh_steps: string[];
    };
    expect(playbook).to.include({ code: 'MIGRATION_FAILED', auto_recoverable: false });
    const steps = playbook.ssh_steps.join('\n');
    expect(steps).to.include(`${dummyRepo}:1.7.8`);
    expect(steps).to.include(`127.0.0.1:${payram.hostPort}/api/v1/health`);
  });

  it('in dry-run mode, reads the version from the core and logs the exact spec with secrets masked, changing nothing', async () => {
    await buildDummyImage('1.7.9');
    await daemon?.kill('SIGKILL');
    daemon = await startExecuteDaemon(dir.path, name, { EXECUTION_MODE: 'dry-run' });
    const { body } = await postJson(`${daemon.url}/upgrade/plan`, {
      mode: 'MANUAL',
      requested_target: '1.7.9',
    });
    expect(body.plan).to.include({
      current_version: '1.7.8',
      current_version_source: 'core',
      container: name,
    });

    const started = await requestUpgrade(daemon, '1.7.9');
    expect(started.state).to.equal('READY');
    const log = await jobLog(daemon);
    expect(log).to.include(`[dry-run] change: image: ${dummyRepo}:1.7.8 → ${dummyRepo}:1.7.9`);
    expect(log).to.include('[dry-run] New container spec:');
    expect(log).to.include('POSTGRES_PASSWORD=***');
    expect(log).not.to.include(payram.password);
    const after = await docker.getContainer(name).inspect();
    expect([after.Id, after.State.Running]).to.deep.equal([payram.id, true]);
    expect((await containersNamed(name)).map((c) => c.name)).to.deep.equal([name]);
  });

  it('refuses a tag that does not exist with DOCKER_PULL_FAILED and touches nothing', async () => {
    const before = await docker.getContainer(name).inspect();
    await requestUpgrade(daemon!, '9.9.9');
    const job = await waitForEnd(daemon!);
    expect(job).to.include({ state: 'FAILED', error_code: 'DOCKER_PULL_FAILED' });
    const after = await docker.getContainer(name).inspect();
    expect([after.Id, after.State.StartedAt, after.HostConfig.RestartPolicy?.Name]).to.deep.equal([
      before.Id,
      before.State.StartedAt,
      'unless-stopped',
    ]);
    expect((await containersNamed(name)).map((c) => c.name)).to.deep.equal([name]);
    expect(await jobLog(daemon!)).not.to.include('Stopping');
  });
});
