import { expect } from 'chai';

import {
  compareVersions,
  highestVersion,
  isValidTag,
  parseVersion,
} from '../../src/policy/versions.js';
import { UpdaterError } from '../../src/shared/updater-error.js';

describe('isValidTag', () => {
  const valid = ['1.2.3', 'v1.10.0', 'local', 'latest', '_build', '1.2.3-rc.1', 'a'.repeat(128)];
  const invalid = [
    '',
    '../x',
    'a;b',
    'a b',
    '$(x)',
    '`x`',
    '/',
    'a/b',
    'repo:tag',
    'a|b',
    'a&&b',
    'x\n',
    '-rm',
    '.hidden',
    'a'.repeat(129),
  ];

  for (const tag of valid) {
    it(`accepts ${JSON.stringify(tag.slice(0, 20))}`, () => {
      expect(isValidTag(tag)).to.equal(true);
    });
  }
  for (const tag of invalid) {
    it(`rejects ${JSON.stringify(tag.slice(0, 20))}`, () => {
      expect(isValidTag(tag)).to.equal(false);
    });
  }
});

describe('parseVersion', () => {
  const cases: [string, string | undefined][] = [
    ['1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    ['V1.10.0', '1.10.0'],
    ['1.2.3-rc.1', '1.2.3-rc.1'],
    ['v1.2.3+build.7', '1.2.3'],
    ['vv1.2.3', undefined],
    [' 1.2.3', undefined],
    ['1.2.3 ', undefined],
    ['=1.2.3', undefined],
    ['1.2', undefined],
    ['1.2.3.4', undefined],
    ['01.2.3', undefined],
    ['v', undefined],
    ['', undefined],
    ['latest', undefined],
  ];

  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${String(expected)}`, () => {
      expect(parseVersion(input)).to.equal(expected);
    });
  }
});

describe('compareVersions', () => {
  const cases: [string, string, number][] = [
    ['1.10.0', '1.9.0', 1],
    ['1.9.0', '1.10.0', -1],
    ['v1.9.0', '1.9.0', 0],
    ['2.0.0', 'V10.0.0', -1],
    ['1.9.0-rc.1', '1.9.0', -1],
    ['1.2.3+a', '1.2.3+b', 0],
  ];

  for (const [a, b, expected] of cases) {
    it(`${a} vs ${b} → ${expected}`, () => {
      expect(compareVersions(a, b)).to.equal(expected);
    });
  }

  for (const [a, b] of [
    ['1.2', '1.2.3'],
    ['1.2.3', 'local'],
  ] as const) {
    it(`throws an INTERNAL_ERROR for ${a} vs ${b}`, () => {
      const attempt = () => compareVersions(a, b);

      expect(attempt).to.throw(UpdaterError).with.property('code', 'INTERNAL_ERROR');
    });
  }
});

describe('highestVersion', () => {
  const cases: [string[], string | undefined][] = [
    [['1.9.0', '1.10.0', '1.2.0'], '1.10.0'],
    [['1.9.1', '1.12.0'], '1.12.0'],
    [['v1.12.0', '1.11.0'], 'v1.12.0'],
    [['banana', '', '1.2.3', '9.9', '1.2.4.5'], '1.2.3'],
    [['1.2.3-rc.1', '1.2.2'], '1.2.3-rc.1'],
    [['1.2.3-rc.1', '1.2.3'], '1.2.3'],
    [['local'], undefined],
    [[], undefined],
  ];

  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${String(expected)}`, () => {
      expect(highestVersion(input)).to.equal(expected);
    });
  }
});
