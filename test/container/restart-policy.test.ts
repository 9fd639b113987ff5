import { expect } from 'chai';

import type { RestartPolicy } from '../../src/container/container-snapshot.js';
import { formatRestartPolicy, parseRestartPolicy } from '../../src/container/restart-policy.js';

describe('parseRestartPolicy and formatRestartPolicy', () => {
  const table: [string, RestartPolicy | undefined][] = [
    ['no', { name: 'no', maximumRetryCount: 0 }],
    ['always', { name: 'always', maximumRetryCount: 0 }],
    ['unless-stopped', { name: 'unless-stopped', maximumRetryCount: 0 }],
    ['on-failure', { name: 'on-failure', maximumRetryCount: 0 }],
    ['on-failure:5', { name: 'on-failure', maximumRetryCount: 5 }],
    ['always:3', undefined],
    ['on-failure:-1', undefined],
    ['sometimes', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of table) {
    it(`parses ${JSON.stringify(text)}`, () => {
      const parsed = parseRestartPolicy(text);

      expect(parsed).to.deep.equal(expected);
      if (parsed !== undefined) expect(formatRestartPolicy(parsed)).to.equal(text);
    });
  }
});
