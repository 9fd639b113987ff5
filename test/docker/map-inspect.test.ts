import { expect } from 'chai';
import type Docker from 'dockerode';

import type { ContainerSnapshot } from '../../src/container/container-snapshot.js';
import { toContainerSnapshot, toImageSnapshot } from '../../src/docker/map-inspect.js';
import { containerFixtures, debianImageInspect } from './fixtures/load-fixture.js';
import {
  debianImage,
  fixtureSnapshot,
  linkedSnapshot,
  plainSnapshot,
} from './fixtures/snapshots.js';

describe('toContainerSnapshot', () => {
  const table: [string, Docker.ContainerInspectInfo, ContainerSnapshot][] = [
    ['networks, static IPs, mounts, healthcheck', containerFixtures.fixture, fixtureSnapshot],
    ['a plain container on the default bridge', containerFixtures.plain, plainSnapshot],
    ['links and ephemeral host ports', containerFixtures.linked, linkedSnapshot],
  ];
  for (const [name, info, expected] of table) {
    it(`maps a captured payload: ${name}`, () => {
      expect(toContainerSnapshot(info)).to.deep.equal(expected);
    });
  }
});

// The engine sends nulls and fields that dockerode's types do not describe: payloads are
// edited as plain JSON, by merging a patch into a captured one.
function patched<T>(info: T, patch: Record<string, unknown>): T {
  const merge = (target: Record<string, unknown>, changes: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(changes)) {
      const inner = target[key];
      if (isRecord(value) && isRecord(inner)) merge(inner, value);
      else target[key] = value;
    }
  };
  const copy = structuredClone(info) as Record<string, unknown>;
  merge(copy, patch);
  return copy as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('toContainerSnapshot normalisation', () => {
  const table: {
    name: string;
    patch: Record<string, unknown>;
    expected: (snapshot: ContainerSnapshot) => void;
  }[] = [
    {
      name: 'a string entrypoint becomes a one-element list',
      patch: { Config: { Entrypoint: '/entry.sh' } },
      expected: (s) => (s.config.entrypoint = ['/entry.sh']),
    },
    {
      name: 'null env, labels, cmd, ports and volumes become empty or undefined',
      patch: {
        Config: {
          Env: null,
          Labels: null,
          Cmd: null,
          ExposedPorts: null,
          Volumes: null,
          Entrypoint: null,
          StopTimeout: null,
        },
      },
      expected: (s) =>
        Object.assign(s.config, { env: [], labels: {}, cmd: undefined, exposedPorts: [] }),
    },
    {
      name: 'a healthcheck keeps its timings and the health status is read',
      patch: {
        Config: { Healthcheck: { Test: ['NONE'], Interval: 5e9, Retries: 2 } },
        State: { Health: { Status: 'unhealthy', FailingStreak: 3, Log: [] } },
      },
      expected: (s) => {
        s.config.healthcheck = { test: ['NONE'], intervalNs: 5e9, retries: 2 };
        s.health = 'unhealthy';
      },
    },
    {
      name: 'an unknown health status is none',
      patch: { State: { Health: { Status: 'paused', FailingStreak: 0, Log: [] } } },
      expected: () => undefined,
    },
    {
      name: 'null HostConfig fields are dropped from rest; null lists are empty',
      patch: {
        HostConfig: {
          Binds: null,
          Links: null,
          Mounts: null,
          Dns: null,
          Sysctls: { 'net.core.somaxconn': '1024' },
        },
      },
      expected: (s) => {
        delete s.hostConfig.rest.Dns;
        s.hostConfig.rest.Sysctls = { 'net.core.somaxconn': '1024' };
      },
    },
    {
      name: 'an empty restart policy name means no',
      patch: { HostConfig: { RestartPolicy: { Name: '', MaximumRetryCount: 0 } } },
      expected: () => undefined,
    },
    {
      name: 'mount options are kept and null ones dropped',
      patch: {
        HostConfig: {
          Mounts: [
            {
              Type: 'volume',
              Source: 'v',
              Target: '/v',
              ReadOnly: true,
              VolumeOptions: { NoCopy: true },
              BindOptions: null,
            },
          ],
        },
      },
      expected: (s) =>
        (s.hostConfig.mounts = [
          {
            type: 'volume',
            source: 'v',
            target: '/v',
            readOnly: true,
            options: { VolumeOptions: { NoCopy: true } },
          },
        ]),
    },
    {
      name: 'unpublished ports (null) are skipped; published ones kept',
      patch: {
        NetworkSettings: {
          Ports: { '9090/tcp': null, '8080/tcp': [{ HostIp: '::1', HostPort: '8080' }] },
        },
      },
      expected: (s) =>
        (s.publishedPorts = [{ containerPort: '8080/tcp', hostIp: '::1', hostPort: '8080' }]),
    },
    {
      name: 'endpoint fields: empty IPAM addresses are undefined, driver options kept',
      patch: {
        NetworkSettings: {
          Networks: {
            bridge: {
              IPAMConfig: { IPv4Address: '', IPv6Address: 'fd00::9' },
              Links: ['db:db'],
              DriverOpts: { mtu: '1400' },
            },
          },
        },
      },
      expected: (s) =>
        (s.networks = [
          {
            network: 'bridge',
            aliases: [],
            ipv4Address: undefined,
            ipv6Address: 'fd00::9',
            links: ['db:db'],
            driverOpts: { mtu: '1400' },
          },
        ]),
    },
    {
      name: 'no networks at all (null) is an empty list',
      patch: { NetworkSettings: { Networks: null } },
      expected: (s) => (s.networks = []),
    },
  ];
  for (const { name, patch, expected } of table) {
    it(name, () => {
      const info = patched(containerFixtures.plain, patch);
      const snapshot = structuredClone(plainSnapshot);
      expected(snapshot);

      expect(toContainerSnapshot(info)).to.deep.equal(snapshot);
    });
  }
});

describe('toImageSnapshot', () => {
  it('maps the captured debian image', () => {
    expect(toImageSnapshot(debianImageInspect)).to.deep.equal(debianImage);
  });

  it('reads the stop signal, healthcheck and a string entrypoint; null tags are empty', () => {
    const info = patched(debianImageInspect, {
      RepoTags: null,
      Config: {
        Entrypoint: 'docker-entrypoint.sh',
        StopSignal: 'SIGQUIT',
        Healthcheck: { Test: ['CMD', 'probe'], Timeout: 3e9, StartPeriod: 1e10 },
        ExposedPorts: { '8080/tcp': {} },
        Volumes: { '/data': {} },
      },
    });

    expect(toImageSnapshot(info)).to.deep.equal({
      id: debianImage.id,
      repoTags: [],
      config: {
        ...debianImage.config,
        entrypoint: ['docker-entrypoint.sh'],
        stopSignal: 'SIGQUIT',
        healthcheck: { test: ['CMD', 'probe'], timeoutNs: 3e9, startPeriodNs: 1e10 },
        exposedPorts: ['8080/tcp'],
        volumes: ['/data'],
      },
    });
  });
});
