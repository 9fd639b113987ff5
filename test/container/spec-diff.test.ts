import { expect } from 'chai';

import type { ContainerSnapshot } from '../../src/container/container-snapshot.js';
import type { ContainerSpec } from '../../src/container/container-spec.js';
import { deriveSpec } from '../../src/container/derive-spec.js';
import { describeSpecChanges } from '../../src/container/spec-diff.js';
import { anonVolume, fixtureSnapshot } from '../docker/fixtures/snapshots.js';
import { deriveInput } from './derive-fixtures.js';

/** A spec that would recreate `current` exactly as it is. */
function sameAs(current: ContainerSnapshot): ContainerSpec {
  // A spec has no `volumes`: anonymous volumes travel as mounts.
  const entries = Object.entries(structuredClone(current.config)).filter(([k]) => k !== 'volumes');
  const config = Object.fromEntries(entries) as ContainerSpec['config'];
  return {
    name: current.name,
    image: current.imageRef,
    config,
    hostConfig: structuredClone(current.hostConfig),
    networks: structuredClone(current.networks),
  };
}

describe('describeSpecChanges', () => {
  it('lists what deriveSpec changes for fidelity-fixture, with secrets masked', () => {
    const overlay = {
      env: { POSTGRES_PASSWORD: 'rotated', LOG_LEVEL: 'debug' },
      restartPolicy: 'unless-stopped',
      ports: ['8080:8080'],
    };
    const { spec } = deriveSpec(deriveInput({ current: fixtureSnapshot, overlay }));

    expect(describeSpecChanges(fixtureSnapshot, spec)).to.deep.equal([
      'image: debian:bookworm-slim → debian:trixie-slim',
      'env: POSTGRES_PASSWORD=*** changed by the manifest',
      'env: LOG_LEVEL=debug added by the manifest',
      'hostname: aa30e85e4bd9 → assigned by the engine',
      'ports: 127.0.0.1:18080→8080/tcp → 8080→8080/tcp',
      `mounts: volume ${anonVolume}→/anon added`,
      'restart policy: on-failure:3 → unless-stopped',
      'network fidelity-net-a aliases: aa30e85e4bd9 dropped',
      'network fidelity-net-b aliases: aa30e85e4bd9 dropped',
      "left to the new image's defaults: env PATH, labels io.payram.provision.source",
    ]);
  });

  const table: [string, (spec: ContainerSpec) => void, string[]][] = [
    ['nothing when nothing changes', () => undefined, []],
    [
      'the image',
      (s) => (s.image = 'payramapp/payram:1.7.9'),
      ['image: debian:bookworm-slim → payramapp/payram:1.7.9'],
    ],
    [
      'labels added and changed',
      (s) => (s.config.labels = { ...s.config.labels, 'user.label': '2', 'api.key': 'k' }),
      ['labels: user.label=2 changed', 'labels: api.key=*** added'],
    ],
    [
      'process fields left to the new image or changed',
      (s) => {
        Object.assign(s.config, { cmd: undefined, entrypoint: ['tini'], stopSignal: undefined });
        s.config.healthcheck = { test: [], intervalNs: 5e9 };
      },
      [
        'entrypoint: ["sh"] → ["tini"]',
        'healthcheck: {"test":["CMD-SHELL","true"]} → {"test":[],"intervalNs":5000000000}',
        "left to the new image's defaults: cmd, stop signal",
      ],
    ],
    [
      'stop timeout and terminal settings',
      (s) => Object.assign(s.config, { stopTimeout: 60, tty: true }),
      ['stop timeout: 30 → 60', 'tty: false → true'],
    ],
    [
      'exposed ports',
      (s) => (s.config.exposedPorts = ['9090/tcp']),
      ['exposed ports: 8080/tcp left to the new image', 'exposed ports: 9090/tcp added'],
    ],
    [
      'a port added',
      (s) =>
        (s.hostConfig.portBindings = [
          { containerPort: '9090/tcp', hostIp: '', hostPort: '9090' },
          ...s.hostConfig.portBindings,
        ]),
      ['ports: 127.0.0.1:18080→8080/tcp → ?→…']
        .slice(0, 0)
        .concat(['ports: 127.0.0.1:18080→8080/tcp → 9090→9090/tcp, 127.0.0.1:18080→8080/tcp']),
    ],
    [
      'binds and mounts',
      (s) => {
        s.hostConfig.binds = s.hostConfig.binds.slice(1);
        s.hostConfig.mounts = [];
      },
      [
        'binds: /tmp/fidelity/pg:/var/lib/payram/db/postgres removed',
        'mounts: tmpfs /scratch removed',
      ],
    ],
    [
      'network mode, links and host config',
      (s) => {
        s.hostConfig.networkMode = 'host';
        s.hostConfig.links = ['db:db'];
        s.hostConfig.rest = { ...s.hostConfig.rest, Memory: 1, Privileged: undefined };
      },
      [
        'network mode: fidelity-net-a → host',
        'links: db:db added',
        'host config Privileged: false → none',
        'host config Memory: 268435456 → 1',
      ],
    ],
    [
      'networks left, static addresses and endpoint settings',
      (s) => {
        s.networks = s.networks.slice(0, 1).map((n) => ({
          ...n,
          ipv4Address: '10.213.7.51',
          ipv6Address: 'fd00::1',
          links: ['db:db'],
          driverOpts: { mtu: '1400' },
        }));
      },
      [
        'networks: fidelity-net-b not joined',
        'network fidelity-net-a static IPv4: 10.213.7.50 → 10.213.7.51',
        'network fidelity-net-a static IPv6: none → fd00::1',
        'network fidelity-net-a links: db:db added',
        'network fidelity-net-a driver options: none → {"mtu":"1400"}',
      ],
    ],
  ];
  for (const [name, edit, expected] of table) {
    it(name, () => {
      const spec = sameAs(fixtureSnapshot);
      edit(spec);

      expect(describeSpecChanges(fixtureSnapshot, spec)).to.deep.equal(expected);
    });
  }
});
