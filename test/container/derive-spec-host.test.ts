import { expect } from 'chai';

import type {
  ContainerSnapshot,
  MountPoint,
  RestartPolicy,
} from '../../src/container/container-snapshot.js';
import type { ContainerSpec } from '../../src/container/container-spec.js';
import {
  pinnedPortNote,
  reattachedVolumeNote,
  sharedNetworkPortsNote,
  skippedVolumeNote,
  staticAddressNote,
  unassignedPortNote,
} from '../../src/container/derive-notes.js';
import { deriveSpec } from '../../src/container/derive-spec.js';
import { debianImage, plainSnapshot } from '../docker/fixtures/snapshots.js';
import { container, deriveInput, image, runDeriveRows } from './derive-fixtures.js';

const published = (
  containerPort: string,
  hostPort: string,
  hostIp = '',
): { containerPort: string; hostIp: string; hostPort: string } => ({
  containerPort,
  hostIp,
  hostPort,
});
const bound = container((s) => {
  s.hostConfig.portBindings = [published('8080/tcp', '8080', '127.0.0.1')];
  s.config.exposedPorts = ['8080/tcp'];
});
const ports = (spec: ContainerSpec) => spec.hostConfig.portBindings;

describe('deriveSpec: published ports', () => {
  runDeriveRows([
    {
      name: "keeps the container's bindings with their host IPs",
      input: { current: bound },
      pick: ports,
      expected: [published('8080/tcp', '8080', '127.0.0.1')],
    },
    {
      name: 'lets PORTS_OVERRIDE replace every binding, IPv6 and udp included',
      input: {
        current: bound,
        portsOverride: ['9000:8080', '[::1]:9053:53/udp'],
        overlay: { ports: ['7000:8080'] },
      },
      pick: ports,
      expected: [published('8080/tcp', '9000'), published('53/udp', '9053', '::1')],
    },
    {
      name: "lets the manifest's ports replace them when there is no override",
      input: { current: bound, overlay: { ports: ['0.0.0.0:8081:8080/tcp'] } },
      pick: ports,
      expected: [published('8080/tcp', '8081', '0.0.0.0')],
    },
    {
      name: 'pins a host port the engine chose to the one it is publishing',
      input: {
        current: container((s) => {
          s.hostConfig.portBindings = [published('8080/tcp', ''), published('9090/tcp', '')];
          s.publishedPorts = [published('8080/tcp', '32770', '0.0.0.0')];
        }),
      },
      pick: ports,
      expected: [published('8080/tcp', '32770'), published('9090/tcp', '')],
      notes: [pinnedPortNote('8080/tcp', '32770'), unassignedPortNote('9090/tcp')],
    },
    {
      name: "does not apply ports to a container in another one's network",
      input: {
        current: container((s) => (s.hostConfig.networkMode = 'container:vpn')),
        portsOverride: ['8080:8080'],
      },
      pick: ports,
      expected: [],
      notes: [sharedNetworkPortsNote('container:vpn')],
    },
  ]);

  const refusals: [string, Parameters<typeof deriveInput>[0], string, string][] = [
    [
      'PORTS_OVERRIDE',
      { portsOverride: ['8080'] },
      'INVALID_CONFIG',
      'PORTS_OVERRIDE entry "8080" is not a port mapping like [ip:]host:container[/tcp|udp].',
    ],
    [
      'the manifest ports',
      { overlay: { ports: ['70000:8080'] } },
      'MANIFEST_INVALID_JSON',
      'The manifest port "70000:8080" is not a port mapping like [ip:]host:container[/tcp|udp].',
    ],
    [
      'the manifest restart policy',
      { overlay: { restartPolicy: 'sometimes' } },
      'MANIFEST_INVALID_JSON',
      'The manifest restart policy "sometimes" is not no, always, unless-stopped or on-failure[:N].',
    ],
    [
      'the manifest volumes',
      { overlay: { volumes: ['/srv/data'] } },
      'MANIFEST_INVALID_JSON',
      'The manifest volume "/srv/data" is not source:destination with an absolute destination.',
    ],
  ];
  for (const [what, input, code, message] of refusals) {
    it(`refuses a malformed entry in ${what} with ${code}`, () => {
      expect(() => deriveSpec(deriveInput(input)))
        .to.throw(message)
        .with.property('code', code);
    });
  }
});

const exposed = (spec: ContainerSpec) => spec.config.exposedPorts;

describe('deriveSpec: exposed ports', () => {
  runDeriveRows([
    {
      name: "keeps the container's own, drops the old image's, adds the published ones, sorted",
      input: {
        current: container((s) => {
          s.config.exposedPorts = ['9090/tcp', '80/tcp', '8080/tcp'];
          s.hostConfig.portBindings = [published('8080/tcp', '8080'), published('53/udp', '53')];
        }),
        oldImage: image(debianImage, (c) => (c.exposedPorts = ['80/tcp'])),
      },
      pick: exposed,
      expected: ['53/udp', '8080/tcp', '9090/tcp'],
    },
    {
      name: "exposes nothing in another container's network",
      input: {
        current: container((s) => {
          s.config.exposedPorts = ['8080/tcp'];
          s.hostConfig.networkMode = 'container:vpn';
        }),
      },
      pick: exposed,
      expected: [],
    },
  ]);
});

const mountPoint = (overrides: Partial<MountPoint>): MountPoint => ({
  type: 'bind',
  name: undefined,
  source: '/srv/payram/db',
  destination: '/var/lib/payram/db/postgres',
  readWrite: true,
  propagation: 'rprivate',
  driver: undefined,
  mode: '',
  ...overrides,
});
const anon = 'f'.repeat(64);
const payram = container((s) => {
  s.hostConfig.binds = ['/srv/payram/db:/var/lib/payram/db/postgres', 'logs:/var/log/payram'];
  s.hostConfig.mounts = [
    { type: 'bind', source: '/etc/pki', target: '/pki', readOnly: true, options: {} },
  ];
  s.mounts = [
    mountPoint({}),
    mountPoint({ type: 'volume', name: 'logs', source: '/v/logs', destination: '/var/log/payram' }),
    mountPoint({ source: '/etc/pki', destination: '/pki', readWrite: false }),
    mountPoint({ type: 'volume', name: anon, source: '/v/anon', destination: '/cache/' }),
    mountPoint({ type: 'volume', name: 'ro-anon', destination: '/seed', readWrite: false }),
  ];
});
const storage = (spec: ContainerSpec) => {
  const { binds, mounts } = spec.hostConfig;
  return { binds, mounts };
};
const payramBinds = ['/srv/payram/db:/var/lib/payram/db/postgres', 'logs:/var/log/payram'];
const payramMounts = [
  { type: 'bind', source: '/etc/pki', target: '/pki', readOnly: true, options: {} },
  { type: 'volume', source: anon, target: '/cache/', readOnly: false, options: {} },
  { type: 'volume', source: 'ro-anon', target: '/seed', readOnly: true, options: {} },
];
const reattached = [
  reattachedVolumeNote('/cache/', anon),
  reattachedVolumeNote('/seed', 'ro-anon'),
];

describe('deriveSpec: binds, mounts and volumes', () => {
  runDeriveRows([
    {
      name: 'copies binds and mounts and re-attaches anonymous volumes by name',
      input: { current: payram },
      pick: storage,
      expected: { binds: payramBinds, mounts: payramMounts },
      notes: reattached,
    },
    {
      name: "appends the manifest's volumes where nothing is mounted yet, once",
      input: {
        current: payram,
        overlay: { volumes: ['/srv/extra:/extra:ro', '/srv/other:/extra', 'logs:/var/log/payram'] },
      },
      pick: storage,
      expected: { binds: [...payramBinds, '/srv/extra:/extra:ro'], mounts: payramMounts },
      notes: reattached,
    },
    {
      name: "keeps the database's mount when a manifest volume targets its path",
      input: {
        current: payram,
        overlay: { volumes: ['payram-postgres-data:/var/lib/payram/db/postgres'] },
      },
      pick: storage,
      expected: { binds: payramBinds, mounts: payramMounts },
      notes: [
        skippedVolumeNote(
          'payram-postgres-data:/var/lib/payram/db/postgres',
          '/var/lib/payram/db/postgres',
          "the Payram database's mount of /srv/payram/db",
        ),
        ...reattached,
      ],
    },
    {
      name: 'mounts a manifest volume at the database path when nothing is there',
      input: { overlay: { volumes: ['/srv/db:/var/lib/payram/db/postgres'] } },
      pick: storage,
      expected: { binds: ['/srv/db:/var/lib/payram/db/postgres'], mounts: [] },
    },
  ]);

  it('refuses, as a last guard, a spec that would move the database', () => {
    const inconsistent = structuredClone(payram);
    inconsistent.hostConfig.binds = ['/elsewhere:/var/lib/payram/db/postgres'];

    expect(() => deriveSpec(deriveInput({ current: inconsistent })))
      .to.throw(
        'The new container mounts the host path /elsewhere at /var/lib/payram/db/postgres instead of the host path /srv/payram/db.',
      )
      .with.property('code', 'DOCKER_ERROR');
  });
});

const restart = (spec: ContainerSpec) => spec.hostConfig.restartPolicy;
const onFailure = container((s) => {
  s.hostConfig.restartPolicy = { name: 'on-failure', maximumRetryCount: 3 };
});

const policies: [string, RestartPolicy][] = [
  ['unless-stopped', { name: 'unless-stopped', maximumRetryCount: 0 }],
  ['on-failure:5', { name: 'on-failure', maximumRetryCount: 5 }],
  ['no', { name: 'no', maximumRetryCount: 0 }],
];

describe('deriveSpec: restart policy', () => {
  runDeriveRows([
    {
      name: "keeps the container's policy",
      input: { current: onFailure },
      pick: restart,
      expected: { name: 'on-failure', maximumRetryCount: 3 },
    },
    ...policies.map(([policy, expected]) => ({
      name: `applies the manifest's ${policy}`,
      input: { current: onFailure, overlay: { restartPolicy: policy } },
      pick: restart,
      expected,
    })),
  ]);
});

const wiring = (spec: ContainerSpec) => {
  const { networkMode, links, rest } = spec.hostConfig;
  return { networkMode, links, rest };
};

describe('deriveSpec: network mode, links and the rest of HostConfig', () => {
  runDeriveRows([
    {
      name: 'rewrites links, copies the mode and drops nulls and typed keys from rest',
      input: {
        current: container((s) => {
          s.hostConfig.networkMode = 'payram-net';
          s.hostConfig.links = ['/postgres:/payram/db', 'cache:cache'];
          s.hostConfig.rest = { Memory: 1024, Binds: ['/x:/y'], Links: [], Devices: null };
        }),
      },
      pick: wiring,
      expected: {
        networkMode: 'payram-net',
        links: ['postgres:db', 'cache:cache'],
        rest: { Memory: 1024 },
      },
    },
  ]);
});

const endpoint = (network: string, overrides: Partial<ContainerSnapshot['networks'][number]>) => ({
  network,
  aliases: [],
  ipv4Address: undefined,
  ipv6Address: undefined,
  links: [],
  driverOpts: undefined,
  ...overrides,
});
const shortId = plainSnapshot.id.slice(0, 12);
const multi = (networkMode: string) =>
  container((s) => {
    s.hostConfig.networkMode = networkMode;
    s.networks = [
      endpoint('front', { aliases: ['web', shortId, s.id], links: ['db:db'] }),
      endpoint('back', { aliases: ['api'], ipv4Address: '10.0.0.5', ipv6Address: 'fd00::5' }),
      endpoint('bridge', { aliases: ['old'] }),
    ];
  });
const networks = (spec: ContainerSpec) => spec.networks;

describe('deriveSpec: networks', () => {
  runDeriveRows([
    {
      name: 'puts the network of the mode first and drops engine aliases',
      input: { current: multi('back') },
      pick: networks,
      expected: [
        endpoint('back', { aliases: ['api'], ipv4Address: '10.0.0.5', ipv6Address: 'fd00::5' }),
        endpoint('front', { aliases: ['web'], links: ['db:db'] }),
        endpoint('bridge', {}),
      ],
      notes: [staticAddressNote('back', ['10.0.0.5', 'fd00::5'])],
    },
    {
      name: 'keeps the engine order when the mode names no network',
      input: { current: multi('default') },
      pick: (spec) => spec.networks.map((n) => n.network),
      expected: ['front', 'back', 'bridge'],
      notes: [staticAddressNote('back', ['10.0.0.5', 'fd00::5'])],
    },
    ...['host', 'none', 'container:vpn'].map((mode) => ({
      name: `joins no network in mode ${mode}`,
      input: { current: multi(mode) },
      pick: networks,
      expected: [],
    })),
  ]);
});
