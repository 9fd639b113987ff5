import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { closedPort, startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { idleStatus } from './fixtures.js';

const ownVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('payram-updater (program)', () => {
  let daemon: FakeDaemon;

  beforeEach(async () => {
    daemon = await startFakeDaemon({ 'GET /upgrade/status': { json: idleStatus } });
  });
  afterEach(() => daemon.close());

  it('prints help listing every command with --help, exit 0', async () => {
    const result = await runCli(['--help']);

    expect(result.code).to.equal(0);
    const listed = result.stdout.split('\n').filter((line) => /^ {2}[a-z][a-z-]* {2}/.test(line));
    expect(listed.map((line) => line.trim().split(' ')[0])).to.deep.equal([
      'serve',
      'dry-run',
      'run',
      'status',
      'logs',
      'history',
      'inspect',
      'recover',
      'backup',
      'health',
    ]);
  });

  it('lists the backup actions under the backup command in --help', async () => {
    const result = await runCli(['--help']);

    const lines = result.stdout.split('\n');
    const backup = lines.findIndex((line) => line.startsWith('  backup '));
    expect(
      lines.slice(backup + 1, backup + 4).map((line) => line.trim().split(/ {2,}/)[0]),
    ).to.deep.equal(['backup create', 'backup list', 'backup restore']);
  });

  it('prints the options of one command with <command> --help', async () => {
    const result = await runCli(['run', '--help']);

    expect(result.code).to.equal(0);
    expect(result.stdout).to.match(/^Usage: payram-updater run --mode <dashboard\|manual>/);
    expect(result.stdout).to.contain('-y, --yes');
  });

  it('prints the package version with --version', async () => {
    const result = await runCli(['--version']);

    expect(result).to.deep.equal({ code: 0, stdout: `${ownVersion}\n`, stderr: '' });
  });

  for (const args of [['deploy'], []]) {
    it(`prints help on stderr and exits 2 for ${args.length === 0 ? 'no command' : 'an unknown command'}`, async () => {
      const result = await runCli(args);

      expect(result.code).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.match(/^(Unknown command "deploy"|A command is required)\./);
      expect(result.stderr).to.contain('Usage: payram-updater <command> [options]');
    });
  }

  it('exits 2 on an unknown option', async () => {
    const result = await runCli(['status', '--force'], { daemonUrl: daemon.url });

    expect(result).to.deep.include({ code: 2, stdout: '' });
    expect(result.stderr).to.match(/^Error: Unknown option `--force`/);
    expect(daemon.requests).to.deep.equal([]);
  });

  it('exits 1 with a clear message when the daemon is not reachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;

    const result = await runCli(['status'], { daemonUrl: url });

    expect(result).to.deep.equal({
      code: 1,
      stdout: '',
      stderr:
        `payram-updater daemon is not reachable at ${url} (connect ECONNREFUSED ${url.slice(7)}). ` +
        'Is it running? Start it with `payram-updater serve` or check UPDATER_PORT.\n',
    });
  });

  it('finds the daemon on 127.0.0.1:$UPDATER_PORT when no URL is given', async () => {
    const port = new URL(daemon.url).port;

    const result = await runCli(['status'], { env: { UPDATER_PORT: port } });

    expect(result.code).to.equal(0);
    expect(daemon.requests.map((r) => r.headers.host)).to.deep.equal([`127.0.0.1:${port}`]);
  });

  it('prefers --url over PAYRAM_UPDATER_URL', async () => {
    const unused = `http://127.0.0.1:${await closedPort()}`;

    const result = await runCli(['--url', daemon.url, 'status'], { daemonUrl: unused });

    expect(result.code).to.equal(0);
    expect(daemon.requests).to.have.length(1);
  });

  describe('API token', () => {
    const token = 'tok-9f8e7d6c5b4a';
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'payram-cli-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('sends UPDATER_API_TOKEN as a bearer token', async () => {
      await runCli(['status'], { daemonUrl: daemon.url, env: { UPDATER_API_TOKEN: token } });

      expect(daemon.requests.map((r) => r.headers.authorization)).to.deep.equal([
        `Bearer ${token}`,
      ]);
    });

    it('reads the token from UPDATER_API_TOKEN_FILE, without its trailing newline', async () => {
      const file = join(dir, 'token');
      await writeFile(file, `${token}\n`, { mode: 0o600 });

      await runCli(['status'], { daemonUrl: daemon.url, env: { UPDATER_API_TOKEN_FILE: file } });

      expect(daemon.requests.map((r) => r.headers.authorization)).to.deep.equal([
        `Bearer ${token}`,
      ]);
    });

    it('sends no authorization header when no token is configured', async () => {
      await runCli(['status'], { daemonUrl: daemon.url });

      expect(daemon.requests.map((r) => r.headers.authorization)).to.deep.equal([undefined]);
    });

    it('never prints the token, even when the daemon refuses it', async () => {
      daemon.routes.set('GET /upgrade/status', {
        status: 401,
        json: { error: 'Missing or invalid API token', code: 'UNAUTHORIZED' },
      });

      const result = await runCli(['status'], {
        daemonUrl: daemon.url,
        env: { UPDATER_API_TOKEN: token },
      });

      expect(result).to.deep.equal({
        code: 1,
        stdout: '',
        stderr:
          'Error (UNAUTHORIZED): Missing or invalid API token\n' +
          'The daemon refused the request: set UPDATER_API_TOKEN or UPDATER_API_TOKEN_FILE to ' +
          'its API token.\n',
      });
    });

    it('exits 2 naming the variable, not the value, when the token cannot be sent', async () => {
      const result = await runCli(['status'], {
        daemonUrl: daemon.url,
        env: { UPDATER_API_TOKEN: `${token}\nX-Injected: 1` },
      });

      expect(result).to.deep.equal({
        code: 2,
        stdout: '',
        stderr:
          'Error: UPDATER_API_TOKEN holds characters that an HTTP header cannot carry\n' +
          'Run `payram-updater --help` for usage.\n',
      });
      expect(daemon.requests).to.deep.equal([]);
    });

    it('exits 2 when UPDATER_API_TOKEN_FILE cannot be read', async () => {
      const file = join(dir, 'missing');

      const result = await runCli(['status'], {
        daemonUrl: daemon.url,
        env: { UPDATER_API_TOKEN_FILE: file },
      });

      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/^Error: UPDATER_API_TOKEN_FILE .* cannot be read \(ENOENT\)/);
    });
  });
});
