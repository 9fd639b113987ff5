import { expect } from 'chai';

import { mergeOverlay } from '../../src/container/merge-overlay.js';
import type { Manifest, RuntimeOverlay } from '../../src/policy/types.js';

const base = { image: { repo: 'payramapp/payram' }, healthCheck: { endpoint: '/api/v1/health' } };
const manifest: Manifest = {
  ...base,
  defaults: {
    ports: ['8080:8080'],
    volumes: ['/srv/db:/var/lib/payram/db/postgres'],
    env: { LOG_LEVEL: 'info', POSTGRES_HOST: 'localhost' },
    restartPolicy: 'unless-stopped',
  },
  overrides: {
    '1.9.0': { env: { LOG_LEVEL: 'debug', FEATURE: 'on' }, ports: ['8443:8443'] },
    'v2.0.0': { restartPolicy: 'always', volumes: [] },
    '2.0.0-rc.1': { env: { RC: '1' } },
  },
};

describe('mergeOverlay', () => {
  const table: [string, Manifest, string, RuntimeOverlay][] = [
    ['the defaults for a version without overrides', manifest, '1.8.0', manifest.defaults ?? {}],
    [
      'env merged key by key, ports replaced',
      manifest,
      '1.9.0',
      {
        ports: ['8443:8443'],
        volumes: ['/srv/db:/var/lib/payram/db/postgres'],
        env: { LOG_LEVEL: 'debug', POSTGRES_HOST: 'localhost', FEATURE: 'on' },
        restartPolicy: 'unless-stopped',
      },
    ],
    [
      'an override keyed with a leading v, volumes replaced by an empty list',
      manifest,
      '2.0.0',
      {
        ports: ['8080:8080'],
        volumes: [],
        env: { LOG_LEVEL: 'info', POSTGRES_HOST: 'localhost' },
        restartPolicy: 'always',
      },
    ],
    [
      'a prerelease asked for with a leading v',
      { ...base, overrides: manifest.overrides ?? {} },
      'v2.0.0-rc.1',
      { env: { RC: '1' } },
    ],
    ['nothing at all', base, '1.0.0', {}],
    [
      'a tag that is not a version',
      { ...base, overrides: { local: { env: { A: '1' } } } },
      'local',
      { env: { A: '1' } },
    ],
    ['no override for a name of Object', base, 'constructor', {}],
  ];
  for (const [name, input, version, expected] of table) {
    it(`${version}: ${name}`, () => {
      expect(mergeOverlay(input, version)).to.deep.equal(expected);
    });
  }
});
