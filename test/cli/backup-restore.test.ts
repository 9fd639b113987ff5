import { expect } from 'chai';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { backupDir, backupList, preUpgradeBackup } from './backup-fixtures.js';

const byId = ['backup', 'restore', '--id', preUpgradeBackup.id];
const restored = {
  success: true,
  restored: preUpgradeBackup,
  message: 'Database payram restored from the backup',
};
const summary = [
  'RESTORE SUMMARY',
  `Backup:    ${preUpgradeBackup.filename} (id ${preUpgradeBackup.id})`,
  'Created:   2026-01-27T14:30:52.000Z',
  'Size:      11.8 MiB',
  'SHA-256:   3f2a9c1d8e7b…',
  'Database:  payram',
  "WARNING: ALL current data in database payram will be replaced by this backup's data.",
  '',
  '',
].join('\n');
const done = `Restored ${preUpgradeBackup.filename} into payram.\n`;

describe('payram-updater backup restore', () => {
  let daemon: FakeDaemon;
  const calls = () => daemon.requests.map((r) => `${r.method} ${r.url} ${r.body}`);
  const restoreCall = (target: object) =>
    `POST /backups/restore ${JSON.stringify({ ...target, confirm: true })}`;

  beforeEach(async () => {
    daemon = await startFakeDaemon({
      'GET /backups': { json: backupList },
      'POST /backups/restore': { json: restored },
    });
  });
  afterEach(() => daemon.close());

  it('with --yes shows the summary and restores with confirm: true, without asking', async () => {
    const result = await runCli([...byId, '--yes'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({ code: 0, stdout: `${summary}${done}`, stderr: '' });
    expect(calls()).to.deep.equal(['GET /backups ', restoreCall({ id: preUpgradeBackup.id })]);
  });

  for (const file of [preUpgradeBackup.path, `${backupDir}/./${preUpgradeBackup.filename}`]) {
    it(`finds the backup by its path and sends the file as given: ${file}`, async () => {
      const result = await runCli(['backup', 'restore', '--file', file, '-y'], {
        daemonUrl: daemon.url,
      });

      expect(result).to.deep.equal({ code: 0, stdout: `${summary}${done}`, stderr: '' });
      expect(calls()).to.deep.equal(['GET /backups ', restoreCall({ file })]);
    });
  }

  it('without --yes and without a terminal exits 2 before asking the daemon anything', async () => {
    const result = await runCli(byId, { daemonUrl: daemon.url, isInteractive: false });

    expect(result).to.deep.equal({
      code: 2,
      stdout: '',
      stderr: 'Refusing to restore without a terminal: pass --yes to confirm non-interactively.\n',
    });
    expect(daemon.requests).to.deep.equal([]);
  });

  it('restores when the operator answers y', async () => {
    const result = await runCli(byId, { daemonUrl: daemon.url, isInteractive: true, stdin: 'y\n' });

    expect(result).to.deep.equal({
      code: 0,
      stdout: `${summary}Proceed? (y/N): ${done}`,
      stderr: '',
    });
    expect(calls()).to.deep.equal(['GET /backups ', restoreCall({ id: preUpgradeBackup.id })]);
  });

  for (const answer of ['n\n', '\n', '']) {
    it(`aborts with exit 0 and restores nothing when the answer is ${JSON.stringify(answer)}`, async () => {
      const result = await runCli(byId, {
        daemonUrl: daemon.url,
        isInteractive: true,
        stdin: answer,
      });

      expect(result).to.deep.equal({
        code: 0,
        stdout: `${summary}Proceed? (y/N): Aborted.\n`,
        stderr: '',
      });
      expect(calls()).to.deep.equal(['GET /backups ']);
    });
  }

  const usageMistakes = [
    {
      args: ['backup', 'restore', '--id', 'a', '--file', '/tmp/b.dump', '--yes'],
      message: 'backup restore takes --id or --file, not both',
    },
    {
      args: ['backup', 'restore', '--yes'],
      message: 'backup restore needs --id <id> or --file <path>; see `backup list`',
    },
    { args: ['backup', 'restore', '--id', ' ', '--yes'], message: '--id needs a value' },
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

  it('exits 1 with the code when the daemon finds the checksum wrong', async () => {
    const mismatch = {
      error: 'The backup file does not match its recorded SHA-256; nothing was restored',
      code: 'BACKUP_CHECKSUM_MISMATCH',
    };
    daemon.routes.set('POST /backups/restore', { status: 422, json: mismatch });

    const result = await runCli([...byId, '--yes'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({
      code: 1,
      stdout: summary,
      stderr: `Error (BACKUP_CHECKSUM_MISMATCH): ${mismatch.error}\n`,
    });
  });

  it('still lets the daemon answer for a backup missing from its list', async () => {
    const missing = { error: 'No backup with id nope', code: 'BACKUP_NOT_FOUND' };
    daemon.routes.set('POST /backups/restore', { status: 404, json: missing });

    const result = await runCli(['backup', 'restore', '--id', 'nope', '--yes'], {
      daemonUrl: daemon.url,
    });

    expect(result).to.deep.equal({
      code: 1,
      stdout: [
        'RESTORE SUMMARY',
        "Backup:  id nope (not in the daemon's backup list; the daemon will check it)",
        "WARNING: ALL current data in the database will be replaced by this backup's data.",
        '',
        '',
      ].join('\n'),
      stderr: 'Error (BACKUP_NOT_FOUND): No backup with id nope\n',
    });
    expect(calls()).to.deep.equal(['GET /backups ', restoreCall({ id: 'nope' })]);
  });

  it('sends the API token with the list and with the restore', async () => {
    const token = 'tok-9f8e7d6c5b4a';

    const result = await runCli([...byId, '--yes'], {
      daemonUrl: daemon.url,
      env: { UPDATER_API_TOKEN: token },
    });

    expect(result.code).to.equal(0);
    expect(daemon.requests.map((r) => r.headers.authorization)).to.deep.equal([
      `Bearer ${token}`,
      `Bearer ${token}`,
    ]);
  });

  it('with --json prints only the daemon answer on stdout and the summary on stderr', async () => {
    const result = await runCli([...byId, '--yes', '--json'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.equal(restored);
    expect(result.stderr).to.equal(summary);
  });

  it('with --json prints the error body on stdout and exits 1', async () => {
    const outside = {
      error: 'The file is outside the backup directory',
      code: 'INVALID_BACKUP_PATH',
    };
    daemon.routes.set('POST /backups/restore', { status: 400, json: outside });

    const result = await runCli(['backup', 'restore', '--file', '/etc/passwd', '-y', '--json'], {
      daemonUrl: daemon.url,
    });

    expect(result.code).to.equal(1);
    expect(JSON.parse(result.stdout)).to.deep.equal(outside);
  });
});
