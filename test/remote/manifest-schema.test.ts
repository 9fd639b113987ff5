import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { parseManifest } from '../../src/remote/load-remote.js';
import { rejection } from './fixtures/rejection.js';

async function readJson(url: URL): Promise<unknown> {
  return JSON.parse(await readFile(url, 'utf8')) as unknown;
}

const minimal = { image: { repo: 'payramapp/payram' } };

describe('parseManifest', () => {
  it('defaults the health endpoint', () => {
    expect(parseManifest(minimal)).to.deep.equal({
      image: { repo: 'payramapp/payram' },
      healthCheck: { endpoint: '/api/v1/health' },
    });
  });

  it('keeps the default endpoint when health_check has none', () => {
    const manifest = parseManifest({ ...minimal, health_check: {} });

    expect(manifest.healthCheck).to.deep.equal({ endpoint: '/api/v1/health' });
  });

  it('maps overlays to camelCase and ignores unknown fields', async () => {
    const json = await readJson(new URL('fixtures/manifest-with-overlays.json', import.meta.url));

    expect(parseManifest(json)).to.deep.equal({
      image: { repo: 'registry.example.com:5000/payram/core' },
      healthCheck: { endpoint: '/healthz' },
      defaults: {
        ports: ['127.0.0.1:8080:8080', '8443:8443/tcp'],
        volumes: ['payram-data:/var/lib/payram/db', '/opt/payram/logs:/var/log/payram:ro'],
        env: { PAYRAM_LOG_LEVEL: 'info' },
        restartPolicy: 'unless-stopped',
      },
      overrides: {
        '1.10.0': { env: { PAYRAM_MIGRATION_MODE: 'online' }, restartPolicy: 'on-failure:3' },
        '2.0.0': {},
      },
    });
  });

  it('reads the bundled data/runtime-manifest.json', async () => {
    const json = await readJson(new URL('../../data/runtime-manifest.json', import.meta.url));

    expect(parseManifest(json)).to.deep.equal({
      image: { repo: 'payramapp/payram' },
      healthCheck: { endpoint: '/api/v1/health' },
      defaults: { restartPolicy: 'unless-stopped' },
      overrides: { '1.10.0': { env: { PAYRAM_MIGRATION_MODE: 'online' } } },
    });
  });

  const overlay = (fields: object): object => ({ ...minimal, defaults: fields });
  const invalid: [string, unknown, string][] = [
    ['no image', {}, 'image must be an object (was missing)'],
    ['no image.repo', { image: {} }, 'image.repo must be a string (was missing)'],
    ['an empty image.repo', { image: { repo: '' } }, 'image.repo must be an image repository'],
    ['a tag in image.repo', { image: { repo: 'payramapp/payram:1.2' } }, 'image.repo must be'],
    [
      'a relative endpoint',
      { ...minimal, health_check: { endpoint: 'health' } },
      'health_check.endpoint must be a path starting with "/" (was "health")',
    ],
    [
      'a bad port string',
      overlay({ ports: ['8080'] }),
      'defaults.ports[0] must be a port mapping like [ip:]host:container[/tcp|udp] (was "8080")',
    ],
    [
      'a port out of range in an override',
      { ...minimal, overrides: { '1.10.0': { ports: ['70000:80'] } } },
      'overrides["1.10.0"].ports[0] must be a port mapping',
    ],
    ['ports a string', overlay({ ports: '80:80' }), 'defaults.ports must be an array'],
    [
      'an env value not a string',
      overlay({ env: { PORT: 80 } }),
      'defaults.env.PORT must be a string',
    ],
    ['an empty volume', overlay({ volumes: [''] }), 'defaults.volumes[0] must be non-empty'],
    [
      'an unknown restart policy',
      overlay({ restart_policy: 'sometimes' }),
      'defaults.restart_policy must be no, always, unless-stopped, on-failure or on-failure:N',
    ],
    ['overrides an array', { ...minimal, overrides: [] }, 'overrides must be an object, not an'],
    ['env an array', overlay({ env: ['A=1'] }), 'defaults.env must be an object, not an array'],
    ['defaults an array', { ...minimal, defaults: [] }, 'defaults must be an object, not an'],
  ];

  for (const [name, json, problem] of invalid) {
    it(`refuses ${name}, naming the field`, async () => {
      const error = await rejection(() => parseManifest(json));

      expect(error.code).to.equal('MANIFEST_INVALID_JSON');
      expect(error.message).to.contain(problem);
    });
  }

  const restartPolicies = ['no', 'always', 'unless-stopped', 'on-failure', 'on-failure:5'];
  for (const policy of restartPolicies) {
    it(`accepts restart_policy ${policy}`, () => {
      const manifest = parseManifest(overlay({ restart_policy: policy }));

      expect(manifest.defaults).to.deep.equal({ restartPolicy: policy });
    });
  }
});
