import { expect } from 'chai';
import { locateSource, redactSource } from '../../src/remote/source-location.js';

describe('locateSource', () => {
  const cases: [string, string | undefined, unknown][] = [
    ['policy.json', '/srv/updater', { kind: 'file', path: '/srv/updater/policy.json' }],
    ['../etc/policy.json', '/srv/updater', { kind: 'file', path: '/srv/etc/policy.json' }],
    ['/etc/payram/policy.json', '/srv/updater', { kind: 'file', path: '/etc/payram/policy.json' }],
    [
      'file:///etc/payram/policy%20v2.json',
      undefined,
      { kind: 'file', path: '/etc/payram/policy v2.json' },
    ],
    [
      'HTTPS://example.com/p.json',
      undefined,
      { kind: 'http', url: new URL('https://example.com/p.json') },
    ],
    [
      'http://127.0.0.1:8080/p.json',
      undefined,
      { kind: 'http', url: new URL('http://127.0.0.1:8080/p.json') },
    ],
    ['ftp://example.com/p.json', undefined, { kind: 'unsupported', scheme: 'ftp' }],
    ['javascript:alert(1)', undefined, { kind: 'unsupported', scheme: 'javascript' }],
  ];

  for (const [source, baseDir, expected] of cases) {
    it(`${source} from ${baseDir ?? 'no base'}`, () => {
      expect(locateSource(source, baseDir)).to.deep.equal(expected);
    });
  }

  it('throws on an http URL that does not parse', () => {
    expect(() => locateSource('http://[bad/p.json')).to.throw(TypeError);
  });
});

describe('redactSource', () => {
  const cases: [string, string][] = [
    ['https://example.com/policy.json', 'https://example.com/policy.json'],
    ['https://alice:s3cret@example.com/policy.json', 'https://***@example.com/policy.json'],
    ['https://token@example.com:8443/p.json', 'https://***@example.com:8443/p.json'],
    ['https://example.com/p.json?access_token=s3cret#frag', 'https://example.com/p.json'],
    ['ftp://alice:s3cret@example.com/p.json', 'ftp://***@example.com/p.json'],
    ['file:///etc/payram/policy.json', 'file:///etc/payram/policy.json'],
    ['javascript:alert("s3cret")', 'javascript:(opaque URL)'],
    ['http://alice:s3cret@[bad/p.json', 'http:(unparseable URL)'],
    ['/etc/payram/policy.json', '/etc/payram/policy.json'],
  ];

  for (const [source, expected] of cases) {
    it(`${source} → ${expected}`, () => {
      expect(redactSource(source)).to.equal(expected);
    });
  }
});
