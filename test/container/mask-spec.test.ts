import { expect } from 'chai';

import type { ContainerSpec } from '../../src/container/container-spec.js';
import { isSecretKey, maskSpec } from '../../src/container/mask-spec.js';

describe('isSecretKey', () => {
  const table: [string, boolean][] = [
    ['POSTGRES_PASSWORD', true],
    ['db_pass', true],
    ['JWT_SECRET', true],
    ['UPDATER_API_TOKEN', true],
    ['API_KEY', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['PRIVATE_KEY_PATH', true],
    ['BASIC_AUTH', true],
    ['POSTGRES_HOST', false],
    ['LOG_LEVEL', false],
    ['PATH', false],
  ];
  for (const [key, expected] of table) {
    it(`${key} → ${String(expected)}`, () => {
      expect(isSecretKey(key)).to.equal(expected);
    });
  }
});

describe('maskSpec', () => {
  it('masks secret env values and labels, and credentials in URLs, nothing else', () => {
    const spec = {
      name: 'payram-next',
      image: 'payramapp/payram:1.7.9',
      config: {
        env: [
          'POSTGRES_PASSWORD=s3cret=x',
          'POSTGRES_HOST=localhost',
          'DATABASE_URL=postgres://payram:hunter2@db:5432/payram',
          'WEBHOOK=https://example.test/hook',
          'EMPTY',
        ],
        labels: { 'traefik.http.middlewares.auth.basicauth.users': 'u:hash', tier: 'core' },
      },
    } as unknown as ContainerSpec;

    expect(maskSpec(spec)).to.deep.equal({
      name: 'payram-next',
      image: 'payramapp/payram:1.7.9',
      config: {
        env: [
          'POSTGRES_PASSWORD=***',
          'POSTGRES_HOST=localhost',
          'DATABASE_URL=postgres://***@db:5432/payram',
          'WEBHOOK=https://example.test/hook',
          'EMPTY',
        ],
        labels: { 'traefik.http.middlewares.auth.basicauth.users': '***', tier: 'core' },
      },
    });
    expect(spec.config.env[0]).to.equal('POSTGRES_PASSWORD=s3cret=x');
  });
});
