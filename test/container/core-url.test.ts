import { expect } from 'chai';

import type { PortBinding } from '../../src/container/container-snapshot.js';
import { coreBaseUrl } from '../../src/container/core-url.js';

const port = (containerPort: string, hostPort: string, hostIp = ''): PortBinding => ({
  containerPort,
  hostIp,
  hostPort,
});

describe('coreBaseUrl', () => {
  const table: [string, PortBinding[], string | undefined, string | undefined][] = [
    [
      'the override wins, without a trailing slash',
      [port('8080/tcp', '80')],
      'http://core:9/',
      'http://core:9',
    ],
    ['an empty override is no override', [port('8080/tcp', '80')], ' ', 'http://127.0.0.1:80'],
    [
      '8080/tcp on every address → loopback',
      [port('8080/tcp', '18080', '0.0.0.0')],
      undefined,
      'http://127.0.0.1:18080',
    ],
    [
      'IPv6 any address → loopback',
      [port('8080/tcp', '18080', '::')],
      undefined,
      'http://127.0.0.1:18080',
    ],
    [
      'a specific IPv4 host IP is kept',
      [port('8080/tcp', '18080', '10.0.0.2')],
      undefined,
      'http://10.0.0.2:18080',
    ],
    [
      'an IPv6 host IP in brackets',
      [port('8080/tcp', '18080', '::1')],
      undefined,
      'http://[::1]:18080',
    ],
    [
      '8080/tcp before other ports',
      [port('9090/tcp', '9090'), port('8080/tcp', '8081')],
      undefined,
      'http://127.0.0.1:8081',
    ],
    [
      'else the first tcp port with a host port',
      [port('53/udp', '53'), port('3000/tcp', ''), port('3001/tcp', '3001')],
      undefined,
      'http://127.0.0.1:3001',
    ],
    ['nothing published', [port('8080/tcp', '')], undefined, undefined],
    ['no ports at all', [], undefined, undefined],
  ];
  for (const [name, ports, override, expected] of table) {
    it(name, () => {
      expect(coreBaseUrl(ports, override)).to.equal(expected);
    });
  }
});
