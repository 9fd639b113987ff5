import { expect } from 'chai';
import { isPortMapping } from '../../src/remote/port-mapping.js';

describe('isPortMapping', () => {
  const cases: [string, boolean][] = [
    ['8080:80', true],
    ['2359:2359/tcp', true],
    ['53:53/udp', true],
    ['127.0.0.1:8080:80', true],
    ['0.0.0.0:443:443/tcp', true],
    ['[::1]:8080:80', true],
    ['65535:1', true],
    ['8080', false],
    ['0:80', false],
    ['80:0', false],
    ['65536:80', false],
    ['80:123456', false],
    ['80:80/sctp', false],
    ['80:80/TCP', false],
    ['80:80/', false],
    ['999.1.1.1:80:80', false],
    ['1.2.3:80:80', false],
    ['[127.0.0.1]:80:80', false],
    ['::1:8080:80', false],
    ['8000-8010:8000-8010', false],
    ['a:b', false],
    [' 80:80', false],
    ['', false],
  ];

  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => {
      expect(isPortMapping(text)).to.equal(expected);
    });
  }
});
