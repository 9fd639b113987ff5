import { expect } from 'chai';
import { resolveBaseUrl } from '../../src/cli/connection.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('resolveBaseUrl', () => {
  const cases: {
    name: string;
    env: Record<string, string>;
    option?: string;
    expected: string;
  }[] = [
    { name: 'the default port', env: {}, expected: 'http://127.0.0.1:2359' },
    { name: 'UPDATER_PORT', env: { UPDATER_PORT: '2567' }, expected: 'http://127.0.0.1:2567' },
    {
      name: 'PAYRAM_UPDATER_URL over UPDATER_PORT',
      env: { PAYRAM_UPDATER_URL: 'http://172.17.0.1:2359/', UPDATER_PORT: '2567' },
      expected: 'http://172.17.0.1:2359',
    },
    {
      name: '--url over the environment',
      env: { PAYRAM_UPDATER_URL: 'http://172.17.0.1:2359' },
      option: 'https://updater.internal/api/',
      expected: 'https://updater.internal/api',
    },
  ];
  for (const { name, env, option, expected } of cases) {
    it(`uses ${name}`, () => {
      expect(resolveBaseUrl(env, option)).to.equal(expected);
    });
  }

  const invalid: { env: Record<string, string>; option?: string; message: string }[] = [
    {
      env: { UPDATER_PORT: '70000' },
      message: 'UPDATER_PORT must be a port number from 1 to 65535, got "70000"',
    },
    {
      env: { UPDATER_PORT: '23a' },
      message: 'UPDATER_PORT must be a port number from 1 to 65535, got "23a"',
    },
    { env: {}, option: 'localhost:2359', message: '--url must use http or https, not localhost' },
    {
      env: { PAYRAM_UPDATER_URL: 'not a url' },
      message: 'PAYRAM_UPDATER_URL must be an http(s) URL such as http://127.0.0.1:2359',
    },
    {
      env: {},
      option: 'http://admin:secret@127.0.0.1:2359',
      message: '--url must not carry credentials; set UPDATER_API_TOKEN instead',
    },
  ];
  for (const { env, option, message } of invalid) {
    it(`refuses: ${message}`, () => {
      expect(() => resolveBaseUrl(env, option)).to.throw(UsageError, message);
    });
  }
});
