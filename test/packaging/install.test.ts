import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const script = join(root, 'packaging/install.sh');

// DESTDIR stages the files only: no image build and no systemctl, which need root and systemd.
describe('packaging/install.sh with DESTDIR', () => {
  let dest: TempDir;
  const staged = (path: string) => join(dest.path, path);
  const install = () => run('bash', [script], { env: { ...process.env, DESTDIR: dest.path } });

  beforeEach(async () => {
    dest = await makeTempDir();
  });
  afterEach(() => dest.remove());

  it('stages the unit for this version, the wrapper and a private env file', async () => {
    await install();
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const unit = await readFile(staged('etc/systemd/system/payram-updater.service'), 'utf8');
    expect(unit).to.include(`\nEnvironment=PAYRAM_UPDATER_IMAGE=payram-updater:${version}\n`);
    const modes = await Promise.all(
      ['etc/payram/updater.env', 'usr/local/bin/payram-updater'].map(async (path) =>
        ((await stat(staged(path))).mode & 0o777).toString(8),
      ),
    );
    expect(modes).to.deep.equal(['600', '755']);
    expect(await readFile(staged('etc/payram/updater.env'), 'utf8')).to.equal(
      await readFile(join(root, 'packaging/examples/updater.env.example'), 'utf8'),
    );
  });

  it('keeps an existing env file on a second install (an upgrade of the updater)', async () => {
    await install();
    const configured = 'POLICY_URL=https://releases.example.test/policy.json\n';
    await writeFile(staged('etc/payram/updater.env'), configured);
    const { stdout } = await install();
    expect(stdout).to.include('keeping');
    expect(await readFile(staged('etc/payram/updater.env'), 'utf8')).to.equal(configured);
  });

  it('stages a unit that systemd accepts', async function () {
    const analyzer = await run('systemd-analyze', ['--version']).catch(() => undefined);
    // systemd-analyze ships with systemd; CI has it, a minimal container may not.
    if (analyzer === undefined) this.skip();
    await install();
    const result = await run('systemd-analyze', [
      'verify',
      staged('etc/systemd/system/payram-updater.service'),
    ]);
    expect(result.stderr).to.equal('');
  });
});
