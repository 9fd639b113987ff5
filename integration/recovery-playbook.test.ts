import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { runCli } from './support/cli-process.js';
import { buildDummyImage, dummyRepo, startDummy, type StartedDummy } from './support/data-dummy.js';
import { getJson, postJson, repoRoot, type DaemonProcess } from './support/daemon-process.js';
import {
  docker,
  psql,
  removeContainersNamed,
  requestUpgrade,
  startExecuteDaemon,
  waitForEnd,
} from './support/upgrade-harness.js';

const name = 'payram-it-recover';

/** Runs the playbook's steps as an operator pasting them would: one bash, stop at the first error. */
async function runSteps(
  steps: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn('bash', ['-e', '-c', steps.join('\n')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe('a failed migration, then the playbook followed by hand', () => {
  let dir: TempDir;
  let payram: StartedDummy;
  let daemon: DaemonProcess;

  before(async () => {
    await buildDummyImage('1.7.8');
    await buildDummyImage('1.10.0', 'fail-migration');
    dir = await makeTempDir();
    payram = await startDummy({ image: `${dummyRepo}:1.7.8`, name, dataDir: join(dir.path, 'pg') });
    await psql(name, 'INSERT INTO payments(amount) VALUES (5.00), (6.00)');
    daemon = await startExecuteDaemon(dir.path, name, { BACKUP_DIR: join(dir.path, 'backups') });
  });
  after(async () => {
    await daemon.kill('SIGKILL');
    await removeContainersNamed(name);
    await dir.remove();
  });

  it('brings the old version back with the pre-upgrade data; inspect goes BROKEN → OK', async () => {
    await requestUpgrade(daemon, '1.10.0');
    const job = await waitForEnd(daemon);
    expect(job).to.include({ state: 'FAILED', error_code: 'MIGRATION_FAILED' });
    expect(job.backup_path).to.be.a('string').and.not.empty;

    const broken = await getJson(`${daemon.url}/upgrade/inspect`);
    expect(broken.body.overall_state).to.equal('BROKEN');
    const cliEnv = { PAYRAM_UPDATER_URL: daemon.url };
    expect((await runCli(['inspect'], cliEnv)).code).to.equal(1);
    const refused = await postJson(`${daemon.url}/upgrade/recover`, {});
    expect([refused.status, refused.body.code]).to.deep.equal([422, 'RECOVERY_REFUSED']);
    const steps = refused.body.manual_steps as string[];
    expect(steps.join('\n')).to.include(String(job.backup_path));

    const bin = join(dir.path, 'bin');
    await mkdir(bin);
    const wrapper = join(bin, 'payram-updater');
    await writeFile(
      wrapper,
      `#!/bin/sh\nexec "${process.execPath}" --import tsx "${join(repoRoot, 'src/cli/bin.ts')}" "$@"\n`,
    );
    await chmod(wrapper, 0o755);
    const run = await runSteps(steps, { ...cliEnv, PATH: `${bin}:${process.env.PATH ?? ''}` });
    expect(run.code, run.output).to.equal(0);

    const info = await docker.getContainer(name).inspect();
    expect([
      info.Config.Image,
      info.State.Running,
      info.HostConfig.RestartPolicy?.Name,
    ]).to.deep.equal([`${dummyRepo}:1.7.8`, true, 'unless-stopped']);
    const version = (await (await fetch(`${payram.baseUrl}/api/v1/version`)).json()) as {
      version: string;
    };
    expect(version.version).to.equal('1.7.8');
    expect(
      await psql(name, "SELECT string_agg(amount::text, ',' ORDER BY id) FROM payments"),
    ).to.equal('5.00,6.00');
    expect(await psql(name, "SELECT string_agg(version, ',') FROM schema_migrations")).to.equal(
      '1.7.8',
    );
    expect(
      await psql(name, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'half_migrated%'"),
    ).to.equal('0');

    const ok = await getJson(`${daemon.url}/upgrade/inspect`);
    expect(ok.body.overall_state, JSON.stringify(ok.body.issues)).to.equal('OK');
  });
});
