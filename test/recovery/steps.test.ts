import { expect } from 'chai';

import {
  coreEndpointOf,
  type HostEndpoint,
  parseHostEndpoint,
} from '../../src/recovery/published-port.js';
import { shellQuote } from '../../src/recovery/render-values.js';
import {
  checkHealth,
  pullTargetImage,
  restoreBackup,
  runUpgrade,
  updaterHealth,
} from '../../src/recovery/steps.js';
import { backupFile, emptyContext, fullContext } from './contexts.js';

describe('parseHostEndpoint', () => {
  const cases: [string, HostEndpoint | undefined][] = [
    ['8080:8080', { host: '127.0.0.1', port: '8080' }],
    ['18080:8080/tcp', { host: '127.0.0.1', port: '18080' }],
    ['0.0.0.0:9000:8080', { host: '127.0.0.1', port: '9000' }],
    ['[::]:9000:8080', { host: '127.0.0.1', port: '9000' }],
    ['10.0.0.5:8080:8080', { host: '10.0.0.5', port: '8080' }],
    ['[::1]:8081:8080', { host: '[::1]', port: '8081' }],
    ['8000-8010:8000-8010', { host: '127.0.0.1', port: '8000' }],
    [' 8080:8080 ', { host: '127.0.0.1', port: '8080' }],
    ['5353:53/udp', undefined],
    ['8080', undefined],
    [':8080', undefined],
    ['host:8080', undefined],
    ['', undefined],
  ];

  for (const [mapping, expected] of cases) {
    it(`${JSON.stringify(mapping)} → ${JSON.stringify(expected)}`, () => {
      expect(parseHostEndpoint(mapping)).to.deep.equal(expected);
    });
  }
});

describe('coreEndpointOf', () => {
  const cases: [string[], HostEndpoint][] = [
    [[], { host: '127.0.0.1', port: '8080' }],
    [['9090:8080', '8443:8443'], { host: '127.0.0.1', port: '9090' }],
    [['5353:53/udp', 'not-a-port', '127.0.0.1:7000:8080'], { host: '127.0.0.1', port: '7000' }],
    [['8080'], { host: '127.0.0.1', port: '8080' }],
  ];

  for (const [ports, expected] of cases) {
    it(`${JSON.stringify(ports)} → ${expected.host}:${expected.port}`, () => {
      expect(coreEndpointOf(ports)).to.deep.equal(expected);
    });
  }
});

describe('shellQuote', () => {
  const cases: [string, string][] = [
    ['payram', 'payram'],
    ['payramapp/payram:1.7.9', 'payramapp/payram:1.7.9'],
    [backupFile, backupFile],
    ['/backups/my dump.dump', "'/backups/my dump.dump'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['a;b', "'a;b'"],
  ];

  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected}`, () => {
      expect(shellQuote(value)).to.equal(expected);
    });
  }
});

describe('step builders', () => {
  it('restores the recorded backup by its path, quoted for the shell', () => {
    const steps = [backupFile, '/srv/payram backups/x.dump'].map((backupPath) =>
      restoreBackup({ ...emptyContext, backupPath }),
    );

    expect(steps).to.deep.equal([
      [`payram-updater backup restore --file ${backupFile} --yes`],
      ["payram-updater backup restore --file '/srv/payram backups/x.dump' --yes"],
    ]);
  });

  it('says so when no backup was recorded, instead of inventing a path', () => {
    for (const backupPath of [undefined, '', '  ']) {
      const steps = restoreBackup({ ...emptyContext, backupPath });

      expect(steps).to.have.length(2);
      expect(steps[0]).to.match(/^# No pre-upgrade backup was recorded for this job\./);
      expect(steps[1]).to.equal('payram-updater backup list');
    }
  });

  it('pastes the target into a manual run only when the job recorded it', () => {
    const runs = [fullContext, emptyContext].map((context) => runUpgrade(context, 'manual'));

    expect(runs).to.deep.equal([
      'payram-updater run --mode manual --to 1.7.9',
      '# The target was not recorded for this job; name it: ' +
        '`payram-updater run --mode manual --to <version>`.',
    ]);
  });

  it('pulls the recorded target image, else points at the plan that names it', () => {
    const pulls = [fullContext, emptyContext].map((context) => pullTargetImage(context));

    expect(pulls[0]).to.deep.equal([
      '# Pull it by hand to see the registry, DNS, proxy or rate-limit error:',
      'docker pull payramapp/payram:1.7.9',
    ]);
    expect(pulls[1]?.[1]).to.equal('payram-updater dry-run --mode manual --to latest');
  });

  it('builds URLs from the published port and the updater URL without a trailing slash', () => {
    const context = { ...emptyContext, ports: ['[::1]:8081:8080'], updaterUrl: 'http://h:1//' };

    expect([checkHealth(context), updaterHealth(context)]).to.deep.equal([
      'curl -fsS --globoff --retry 30 --retry-delay 2 --retry-all-errors http://[::1]:8081/api/v1/health',
      'curl -fsS http://h:1/health',
    ]);
  });
});
