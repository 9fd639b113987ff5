import { expect } from 'chai';
import { parseMode, rawOptionValue } from '../../src/cli/options.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('rawOptionValue', () => {
  const cases: { argv: string[]; expected: string | undefined }[] = [
    { argv: ['dry-run', '--to', '1.10'], expected: '1.10' },
    { argv: ['dry-run', '--to=1.10'], expected: '1.10' },
    { argv: ['dry-run', '--to', '2'], expected: '2' },
    { argv: ['dry-run', '--to', '1.0', '--to', '1.1'], expected: '1.1' },
    { argv: ['dry-run', '--top', '1.0'], expected: undefined },
    { argv: ['dry-run', '--', '--to', '1.0'], expected: undefined },
    { argv: ['dry-run'], expected: undefined },
  ];
  for (const { argv, expected } of cases) {
    it(`reads ${String(expected)} from ${argv.join(' ')}`, () => {
      expect(rawOptionValue(argv, '--to')).to.equal(expected);
    });
  }
});

describe('parseMode', () => {
  const cases: { input: string; expected: string }[] = [
    { input: 'dashboard', expected: 'DASHBOARD' },
    { input: 'DASHBOARD', expected: 'DASHBOARD' },
    { input: 'Manual', expected: 'MANUAL' },
  ];
  for (const { input, expected } of cases) {
    it(`maps ${input} to ${expected}`, () => {
      expect(parseMode(input)).to.equal(expected);
    });
  }

  it('refuses anything else with a usage error', () => {
    expect(() => parseMode('latest')).to.throw(
      UsageError,
      '--mode must be "dashboard" or "manual", got "latest"',
    );
  });
});
