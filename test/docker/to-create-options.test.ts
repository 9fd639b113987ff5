import { expect } from 'chai';

import type { ContainerSpec } from '../../src/container/container-spec.js';
import { toCreateOptions } from '../../src/docker/to-create-options.js';
import { anonVolume, fixtureSnapshot } from './fixtures/snapshots.js';

/** The spec deriveSpec makes of fidelity-fixture (see the derive-spec tests). */
const fixtureSpec: ContainerSpec = {
  name: 'payram-next',
  image: 'debian:trixie-slim',
  config: {
    env: ['POSTGRES_PASSWORD=dummy-password', 'USER_VAR=1'],
    labels: { 'user.label': '1' },
    cmd: ['-c', 'sleep infinity'],
    entrypoint: ['sh'],
    workingDir: undefined,
    user: undefined,
    hostname: undefined,
    domainname: undefined,
    exposedPorts: ['8080/tcp'],
    healthcheck: { test: ['CMD-SHELL', 'true'] },
    stopSignal: 'SIGINT',
    stopTimeout: 30,
    tty: false,
    openStdin: false,
    stdinOnce: false,
  },
  hostConfig: {
    portBindings: [{ containerPort: '8080/tcp', hostIp: '127.0.0.1', hostPort: '18080' }],
    binds: ['/tmp/fidelity/pg:/var/lib/payram/db/postgres', '/tmp/fidelity/bind:/bind:ro'],
    mounts: [
      {
        type: 'tmpfs',
        source: '',
        target: '/scratch',
        readOnly: false,
        options: { TmpfsOptions: { SizeBytes: 1048576 } },
      },
      { type: 'volume', source: anonVolume, target: '/anon', readOnly: false, options: {} },
    ],
    restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    networkMode: 'fidelity-net-a',
    links: [],
    rest: { CapAdd: ['CAP_NET_ADMIN'], Memory: 268435456 },
  },
  networks: [
    {
      network: 'fidelity-net-a',
      aliases: ['a1'],
      ipv4Address: '10.213.7.50',
      ipv6Address: undefined,
      links: [],
      driverOpts: undefined,
    },
    {
      network: 'fidelity-net-b',
      aliases: ['a2'],
      ipv4Address: undefined,
      ipv6Address: 'fd00:213:8::50',
      links: ['db:db'],
      driverOpts: { mtu: '1400' },
    },
  ],
};

describe('toCreateOptions', () => {
  it('builds the create request: one endpoint at create, the others to connect', () => {
    expect(toCreateOptions(fixtureSpec)).to.deep.equal({
      options: {
        name: 'payram-next',
        Image: 'debian:trixie-slim',
        Env: ['POSTGRES_PASSWORD=dummy-password', 'USER_VAR=1'],
        Labels: { 'user.label': '1' },
        Cmd: ['-c', 'sleep infinity'],
        Entrypoint: ['sh'],
        Healthcheck: { Test: ['CMD-SHELL', 'true'] },
        StopSignal: 'SIGINT',
        StopTimeout: 30,
        ExposedPorts: { '8080/tcp': {} },
        Tty: false,
        OpenStdin: false,
        StdinOnce: false,
        HostConfig: {
          CapAdd: ['CAP_NET_ADMIN'],
          Memory: 268435456,
          Binds: ['/tmp/fidelity/pg:/var/lib/payram/db/postgres', '/tmp/fidelity/bind:/bind:ro'],
          Mounts: [
            {
              Type: 'tmpfs',
              Source: '',
              Target: '/scratch',
              ReadOnly: false,
              TmpfsOptions: { SizeBytes: 1048576 },
            },
            { Type: 'volume', Source: anonVolume, Target: '/anon', ReadOnly: false },
          ],
          PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] },
          RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
          NetworkMode: 'fidelity-net-a',
          Links: [],
        },
        NetworkingConfig: {
          EndpointsConfig: {
            'fidelity-net-a': {
              Aliases: ['a1'],
              IPAMConfig: { IPv4Address: '10.213.7.50' },
              Links: [],
            },
          },
        },
      },
      connect: [
        {
          network: 'fidelity-net-b',
          endpoint: {
            Aliases: ['a2'],
            IPAMConfig: { IPv6Address: 'fd00:213:8::50' },
            Links: ['db:db'],
            DriverOpts: { mtu: '1400' },
          },
        },
      ],
    });
  });

  it('sends the optional process fields only when set, and no endpoints in host mode', () => {
    const spec = structuredClone(fixtureSpec);
    Object.assign(spec.config, { cmd: undefined, entrypoint: undefined, stopSignal: undefined });
    Object.assign(spec.config, { workingDir: '/srv', user: '1000', hostname: 'box' });
    Object.assign(spec.config, { domainname: 'example.test', stopTimeout: undefined });
    spec.config.healthcheck = {
      test: [],
      intervalNs: 5e9,
      timeoutNs: 2e9,
      retries: 4,
      startPeriodNs: 1e10,
    };
    spec.hostConfig.portBindings = [
      { containerPort: '8080/tcp', hostIp: '127.0.0.1', hostPort: '8080' },
      { containerPort: '8080/tcp', hostIp: '::1', hostPort: '8080' },
    ];
    spec.hostConfig.networkMode = 'host';
    spec.networks = [];

    const { options, connect } = toCreateOptions(spec);

    const { HostConfig, ...process } = options;
    expect({ process, ports: HostConfig?.PortBindings, connect }).to.deep.equal({
      process: {
        name: 'payram-next',
        Env: ['POSTGRES_PASSWORD=dummy-password', 'USER_VAR=1'],
        Labels: { 'user.label': '1' },
        Image: 'debian:trixie-slim',
        WorkingDir: '/srv',
        User: '1000',
        Hostname: 'box',
        Domainname: 'example.test',
        Healthcheck: { Test: [], Interval: 5e9, Timeout: 2e9, Retries: 4, StartPeriod: 1e10 },
        ExposedPorts: { '8080/tcp': {} },
        Tty: false,
        OpenStdin: false,
        StdinOnce: false,
      },
      ports: {
        '8080/tcp': [
          { HostIp: '127.0.0.1', HostPort: '8080' },
          { HostIp: '::1', HostPort: '8080' },
        ],
      },
      connect: [],
    });
  });

  it('sends the captured HostConfig back whole', () => {
    const spec = structuredClone(fixtureSpec);
    spec.hostConfig.rest = fixtureSnapshot.hostConfig.rest;

    const hostConfig = toCreateOptions(spec).options.HostConfig;

    expect(hostConfig).to.deep.include(fixtureSnapshot.hostConfig.rest);
  });
});
