import { expect } from 'chai';

import type { PortBinding } from '../../src/container/container-snapshot.js';
import { formatPortBinding, parsePortMapping } from '../../src/container/port-mapping.js';

describe('parsePortMapping', () => {
  const table: [string, PortBinding | undefined][] = [
    ['8080:8080', { containerPort: '8080/tcp', hostIp: '', hostPort: '8080' }],
    ['127.0.0.1:18080:8080', { containerPort: '8080/tcp', hostIp: '127.0.0.1', hostPort: '18080' }],
    ['[::1]:53:53/udp', { containerPort: '53/udp', hostIp: '::1', hostPort: '53' }],
    [' 1:2/sctp ', { containerPort: '2/sctp', hostIp: '', hostPort: '1' }],
    ['8080', undefined],
    ['0:8080', undefined],
    ['8080:65536', undefined],
    ['8080:8080/http', undefined],
    ['host:8080:8080', undefined],
    ['8000-8010:80', undefined],
  ];
  for (const [text, expected] of table) {
    it(`${JSON.stringify(text)} → ${expected === undefined ? 'refused' : formatPortBinding(expected)}`, () => {
      expect(parsePortMapping(text)).to.deep.equal(expected);
    });
  }
});

describe('formatPortBinding', () => {
  const table: [PortBinding, string][] = [
    [{ containerPort: '8080/tcp', hostIp: '', hostPort: '8080' }, '8080→8080/tcp'],
    [{ containerPort: '8080/tcp', hostIp: '0.0.0.0', hostPort: '1' }, '0.0.0.0:1→8080/tcp'],
    [{ containerPort: '53/udp', hostIp: '::1', hostPort: '53' }, '[::1]:53→53/udp'],
    [{ containerPort: '8080/tcp', hostIp: '', hostPort: '' }, '?→8080/tcp'],
  ];
  for (const [binding, expected] of table) {
    it(expected, () => {
      expect(formatPortBinding(binding)).to.equal(expected);
    });
  }
});
