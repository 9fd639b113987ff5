import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { maskConfig } from '../../src/config/mask-config.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const required = {
  POLICY_URL: 'data/upgrade-policy.json',
  RUNTIME_MANIFEST_URL: 'data/runtime-manifest.json',
};
const noDefaultFile = { fileExists: () => false, cwd: '/srv/updater' };

describe('loadConfig', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => dir.remove());

  it('applies the documented defaults', () => {
    const config = loadConfig({ env: required, ...noDefaultFile });
    expect(config).to.deep.equal({
      port: 2359,
      bind: undefined,
      allowedSources: undefined,
      apiToken: undefined,
      policyUrl: 'data/upgrade-policy.json',
      manifestUrl: 'data/runtime-manifest.json',
      fetchTimeoutMs: 10000,
      fetchMaxBytes: 1048576,
      requestBodyLimitBytes: 16384,
      stateDir: '/var/lib/payram',
      logDir: '/var/log/payram',
      backupDir: '/var/lib/payram/backups',
      backupRetention: 10,
      backupTimeoutMs: 600000,
      targetContainerName: undefined,
      coreBaseUrl: undefined,
      executionMode: 'dry-run',
      verifyTimeoutMs: 180000,
      verifyIntervalMs: 1000,
      stopTimeoutSeconds: 30,
      faultKillAtStep: undefined,
      dockerHost: '/var/run/docker.sock',
      imageRepoOverride: undefined,
      skipDockerPull: false,
      portsOverride: undefined,
      supervisorExclude: ['postgres', 'postgresql'],
      logLevel: 'info',
      baseDir: '/srv/updater',
    });
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('parses lists, numbers, booleans and relative folders', () => {
    const config = loadConfig({
      env: {
        ...required,
        UPDATER_PORT: '8099',
        UPDATER_BIND: '127.0.0.1, 172.17.0.1',
        PORTS_OVERRIDE: '18080:8080,127.0.0.1:15432:5432',
        SKIP_DOCKER_PULL: 'true',
        STATE_DIR: 'data/state',
        FETCH_TIMEOUT_SECONDS: '3',
      },
      ...noDefaultFile,
    });
    expect(config.port).to.equal(8099);
    expect(config.bind).to.deep.equal(['127.0.0.1', '172.17.0.1']);
    expect(config.portsOverride).to.deep.equal(['18080:8080', '127.0.0.1:15432:5432']);
    expect(config.skipDockerPull).to.equal(true);
    expect(config.stateDir).to.equal('/srv/updater/data/state');
    expect(config.backupDir).to.equal('/srv/updater/data/state/backups');
    expect(config.fetchTimeoutMs).to.equal(3000);
  });

  const invalid: [string, Record<string, string>, RegExp][] = [
    ['a missing POLICY_URL', { RUNTIME_MANIFEST_URL: 'm' }, /POLICY_URL/],
    ['a port out of range', { ...required, UPDATER_PORT: '70000' }, /UPDATER_PORT/],
    ['a non-numeric port', { ...required, UPDATER_PORT: 'http' }, /UPDATER_PORT/],
    ['an unknown execution mode', { ...required, EXECUTION_MODE: 'live' }, /EXECUTION_MODE/],
    ['a bad ports override', { ...required, PORTS_OVERRIDE: '80' }, /PORTS_OVERRIDE/],
    ['a zero timeout', { ...required, FETCH_TIMEOUT_SECONDS: '0' }, /FETCH_TIMEOUT_SECONDS/],
    ['an unknown log level', { ...required, LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['a bad boolean', { ...required, SKIP_DOCKER_PULL: 'maybe' }, /SKIP_DOCKER_PULL/],
    ['a short token', { ...required, UPDATER_API_TOKEN: 'short' }, /UPDATER_API_TOKEN/],
  ];
  for (const [name, env, variable] of invalid) {
    it(`stops with INVALID_CONFIG naming the variable for ${name}`, () => {
      expect(() => loadConfig({ env, ...noDefaultFile }))
        .to.throw(variable)
        .with.property('code', 'INVALID_CONFIG');
    });
  }

  it('never puts a rejected token into the message', () => {
    expect(() =>
      loadConfig({ env: { ...required, UPDATER_API_TOKEN: 's3cr3t' }, ...noDefaultFile }),
    )
      .to.throw()
      .that.satisfies((e: Error) => !e.message.includes('s3cr3t'));
  });

  it('reads an env file, with the real environment taking precedence', async () => {
    const file = join(dir.path, 'updater.env');
    await writeFile(
      file,
      '# comment\nPOLICY_URL=/etc/p.json\nRUNTIME_MANIFEST_URL=/etc/m.json\nUPDATER_PORT=2400\n',
    );
    const config = loadConfig({ env: { UPDATER_PORT: '2500' }, envFile: file, cwd: dir.path });
    expect([config.policyUrl, config.port]).to.deep.equal(['/etc/p.json', 2500]);
  });

  it('treats an empty value as unset: it neither sets nor overrides the file', async () => {
    const file = join(dir.path, 'updater.env');
    await writeFile(
      file,
      'POLICY_URL=/etc/p.json\nRUNTIME_MANIFEST_URL=/etc/m.json\n' +
        'UPDATER_API_TOKEN=\nUPDATER_API_TOKEN_FILE=\n',
    );
    const config = loadConfig({ env: { POLICY_URL: '' }, envFile: file, cwd: dir.path });
    expect([config.policyUrl, config.apiToken]).to.deep.equal(['/etc/p.json', undefined]);
  });

  it('reads /etc/payram/updater.env only when present, and an explicit file must exist', () => {
    expect(() => loadConfig({ env: required, envFile: join(dir.path, 'missing.env') }))
      .to.throw(/Cannot read env file/)
      .with.property('code', 'INVALID_CONFIG');
    const seen: string[] = [];
    loadConfig({ env: required, fileExists: (p) => (seen.push(p), false) });
    expect(seen).to.deep.equal(['/etc/payram/updater.env']);
  });

  it('reads secrets from *_FILE without the trailing newline, and refuses both forms at once', async () => {
    const secret = join(dir.path, 'token');
    await writeFile(secret, 'token-from-a-file-0123456789\n');
    const config = loadConfig({
      env: { ...required, UPDATER_API_TOKEN_FILE: secret },
      ...noDefaultFile,
    });
    expect(config.apiToken).to.equal('token-from-a-file-0123456789');
    expect(() =>
      loadConfig({
        env: { ...required, UPDATER_API_TOKEN_FILE: secret, UPDATER_API_TOKEN: 'x'.repeat(20) },
        ...noDefaultFile,
      }),
    ).to.throw(/both set/);
  });

  it('masks the token and URL credentials for the startup log', () => {
    const config = loadConfig({
      env: {
        POLICY_URL: 'https://user:pw@example.com/policy.json?sig=abc',
        RUNTIME_MANIFEST_URL: 'data/m.json',
        UPDATER_API_TOKEN: 'super-secret-token-value',
      },
      ...noDefaultFile,
    });
    const masked = JSON.stringify(maskConfig(config));
    expect(masked).not.to.include('super-secret-token-value');
    expect(masked).not.to.include('pw@');
    expect(masked).not.to.include('sig=abc');
    expect(maskConfig(config)).to.include({
      apiToken: '***',
      policyUrl: 'https://***@example.com/policy.json?***',
    });
  });
});
