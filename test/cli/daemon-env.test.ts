import { expect } from 'chai';
import { withDaemonEnv } from '../../src/cli/daemon-env.js';

describe('withDaemonEnv', () => {
  const file = [
    '# written by packaging/install.sh',
    'POLICY_URL=https://example.test/policy.json',
    'UPDATER_PORT=2567',
    'UPDATER_API_TOKEN_FILE=/etc/payram/token',
    'UPDATER_API_TOKEN=',
  ].join('\n');
  const reads: string[] = [];
  const read = (path: string): string => {
    reads.push(path);
    return file;
  };

  beforeEach(() => {
    reads.length = 0;
  });

  it('takes the port and token settings from the daemon env file, nothing else', () => {
    expect(withDaemonEnv({ HOME: '/root' }, read)).to.deep.equal({
      UPDATER_PORT: '2567',
      UPDATER_API_TOKEN_FILE: '/etc/payram/token',
      HOME: '/root',
    });
    expect(reads).to.deep.equal(['/etc/payram/updater.env']);
  });

  it('lets the environment win over the file', () => {
    const env = withDaemonEnv({ UPDATER_PORT: '2359', UPDATER_API_TOKEN: 'x'.repeat(16) }, read);
    expect(env).to.deep.equal({
      UPDATER_PORT: '2359',
      UPDATER_API_TOKEN: 'x'.repeat(16),
      UPDATER_API_TOKEN_FILE: '/etc/payram/token',
    });
  });

  it('reads the file named by PAYRAM_UPDATER_ENV_FILE', () => {
    withDaemonEnv({ PAYRAM_UPDATER_ENV_FILE: '/srv/updater.env' }, read);
    expect(reads).to.deep.equal(['/srv/updater.env']);
  });

  it('keeps the environment as it is when the file cannot be read', () => {
    const unreadable = (): string => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    expect(withDaemonEnv({ UPDATER_PORT: '2400' }, unreadable)).to.deep.equal({
      UPDATER_PORT: '2400',
    });
  });
});
