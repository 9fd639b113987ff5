import { expect } from 'chai';
import { gatewayOf } from '../../src/docker/bridge-networks.js';

describe('gatewayOf', () => {
  const table: [string | undefined, string | undefined, string[]][] = [
    ['172.18.0.1', '172.18.0.0/16', ['172.18.0.1']],
    [undefined, '172.17.0.0/16', ['172.17.0.1']],
    [undefined, '172.17.5.9/16', ['172.17.0.1']],
    [undefined, '192.168.96.0/20', ['192.168.96.1']],
    [undefined, '10.10.10.0/24', ['10.10.10.1']],
    ['', '10.0.0.0/8', ['10.0.0.1']],
    [undefined, 'fd00::/64', []],
    [undefined, '10.0.0.0/31', []],
    [undefined, undefined, []],
  ];
  for (const [gateway, subnet, expected] of table) {
    it(`${String(gateway)} in ${String(subnet)} → ${expected.join(',') || 'none'}`, () => {
      expect(gatewayOf(gateway, subnet)).to.deep.equal(expected);
    });
  }
});
