import { expect } from 'chai';
import { formatSize, shortSha256 } from '../../../src/cli/commands/backup-render.js';

describe('formatSize', () => {
  const cases: { bytes: number; expected: string }[] = [
    { bytes: 0, expected: '0 B' },
    { bytes: 1023, expected: '1023 B' },
    { bytes: 1024, expected: '1.0 KiB' },
    { bytes: 1536, expected: '1.5 KiB' },
    { bytes: 12_345_678, expected: '11.8 MiB' },
    { bytes: 5 * 1024 ** 3, expected: '5.0 GiB' },
    { bytes: 3 * 1024 ** 5, expected: '3072.0 TiB' },
  ];
  for (const { bytes, expected } of cases) {
    it(`shows ${bytes} bytes as ${expected}`, () => {
      expect(formatSize(bytes)).to.equal(expected);
    });
  }
});

describe('shortSha256', () => {
  it('keeps the first 12 hex digits and marks the cut', () => {
    expect(shortSha256('3f2a9c1d8e7b6a5f4e3d2c1b0a9f')).to.equal('3f2a9c1d8e7b…');
  });
});
