import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { backupList, manualBackup, preUpgradeBackup } from './backup-fixtures.js';

const table = [
  'ID                     CREATED                   KIND         FROM → TO       SIZE      FILENAME',
  `20260127-143052-1.7.8  2026-01-27T14:30:52.000Z  pre-upgrade  1.7.8 → 1.7.9   11.8 MiB  ${preUpgradeBackup.filename}`,
  `20260120-090000-1.7.8  2026-01-20T09:00:00.000Z  manual       1.7.8 → manual  900 B     ${manualBackup.filename}`,
  '',
].join('\n');

describe('payram-updater backup', () => {
  let daemon: FakeDaemon;
  const calls = () => daemon.requests.map((r) => `${r.method} ${r.url} ${r.body}`);

  beforeEach(async () => {
    daemon = await startFakeDaemon({
      'GET /backups': { json: backupList },
      'POST /backups': { status: 201, json: { success: true, backup: manualBackup } },
    });
  });
  afterEach(() => daemon.close());

  describe('list', () => {
    it('prints the backups as a table, newest first', async () => {
      const result = await runCli(['backup', 'list'], { daemonUrl: daemon.url });

      expect(result).to.deep.equal({ code: 0, stdout: table, stderr: '' });
      expect(calls()).to.deep.equal(['GET /backups ']);
    });

    for (const args of [
      ['--url', 'DAEMON', 'backup', 'list'],
      ['backup', 'list', '--url', 'DAEMON'],
    ]) {
      it(`reaches the daemon given by --url: ${args.join(' ')}`, async () => {
        const withUrl = args.map((arg) => (arg === 'DAEMON' ? daemon.url : arg));

        const result = await runCli(withUrl);

        expect(result).to.deep.equal({ code: 0, stdout: table, stderr: '' });
      });
    }

    it('puts the newest first even when the daemon does not', async () => {
      const reversed = { ...backupList, backups: [manualBackup, preUpgradeBackup] };
      daemon.routes.set('GET /backups', { json: reversed });

      const result = await runCli(['backup', 'list'], { daemonUrl: daemon.url });

      expect(result).to.deep.equal({ code: 0, stdout: table, stderr: '' });
    });

    it('says so when there are no backups', async () => {
      daemon.routes.set('GET /backups', { json: { success: true, count: 0, backups: [] } });

      const result = await runCli(['backup', 'list'], { daemonUrl: daemon.url });

      expect(result).to.deep.equal({ code: 0, stdout: 'No backups yet.\n', stderr: '' });
    });

    it('prints the daemon answer with --json', async () => {
      const result = await runCli(['backup', 'list', '--json'], { daemonUrl: daemon.url });

      expect(result.code).to.equal(0);
      expect(JSON.parse(result.stdout)).to.deep.equal(backupList);
    });

    it('exits 1 and names the problem when the answer has an unexpected shape', async () => {
      daemon.routes.set('GET /backups', { json: { success: true } });

      const result = await runCli(['backup', 'list'], { daemonUrl: daemon.url });

      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(/^The daemon's answer to GET \/backups has an unexpected/);
    });
  });

  describe('create', () => {
    it('posts to /backups and prints the file, its size and digest prefix, and its path', async () => {
      const result = await runCli(['backup', 'create'], { daemonUrl: daemon.url });

      expect(result).to.deep.equal({
        code: 0,
        stderr: '',
        stdout: [
          `Backup created: ${manualBackup.filename} (900 B, sha256 aa11bb22cc33…)`,
          `Path: ${manualBackup.path}`,
          '',
        ].join('\n'),
      });
      expect(calls()).to.deep.equal(['POST /backups {}']);
    });

    it('prints the daemon answer with --json', async () => {
      const result = await runCli(['backup', 'create', '--json'], { daemonUrl: daemon.url });

      expect(result.code).to.equal(0);
      expect(JSON.parse(result.stdout)).to.deep.equal({ success: true, backup: manualBackup });
    });

    it('exits 1 with the code and message when the daemon refuses', async () => {
      const busy = { error: 'An upgrade job holds the lock', code: 'CONCURRENCY_BLOCKED' };
      daemon.routes.set('POST /backups', { status: 409, json: busy });

      const result = await runCli(['backup', 'create'], { daemonUrl: daemon.url });

      expect(result).to.deep.equal({
        code: 1,
        stdout: '',
        stderr: 'Error (CONCURRENCY_BLOCKED): An upgrade job holds the lock\n',
      });
    });

    it('prints the error body on stdout with --json, still exiting 1', async () => {
      const failed = { error: 'pg_dump exited with 1', code: 'BACKUP_FAILED' };
      daemon.routes.set('POST /backups', { status: 500, json: failed });

      const result = await runCli(['backup', 'create', '--json'], { daemonUrl: daemon.url });

      expect(result.code).to.equal(1);
      expect(JSON.parse(result.stdout)).to.deep.equal(failed);
    });
  });

  const usageMistakes = [
    { args: ['backup'], message: 'backup needs an action: create, list or restore' },
    {
      args: ['backup', 'delete'],
      message: 'backup action must be one of create, list, restore, got "delete"',
    },
    {
      args: ['backup', 'constructor'],
      message: 'backup action must be one of create, list, restore, got "constructor"',
    },
    { args: ['backup', 'list', '--id', 'x'], message: '--id applies only to backup restore' },
    { args: ['backup', 'create', '--yes'], message: '--yes applies only to backup restore' },
    { args: ['backup', 'list', 'extra'], message: 'Unused args: `extra`' },
  ];
  for (const { args, message } of usageMistakes) {
    it(`exits 2 without asking the daemon for: ${args.join(' ')}`, async () => {
      const result = await runCli(args, { daemonUrl: daemon.url });

      expect(result).to.deep.equal({
        code: 2,
        stdout: '',
        stderr: `Error: ${message}\nRun \`payram-updater --help\` for usage.\n`,
      });
      expect(daemon.requests).to.deep.equal([]);
    });
  }

  it('lists its actions and options with backup --help', async () => {
    const result = await runCli(['backup', '--help']);

    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain(
      [
        'Actions:',
        '  backup create   back up the database now',
        '  backup list     list the backups, newest first',
        '  backup restore  replace ALL data in the database with a backup (--id or --file)',
      ].join('\n'),
    );
    expect(result.stdout).to.contain('--file <path>');
  });
});
