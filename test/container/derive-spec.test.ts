import { expect } from 'chai';

import type { ContainerSpec } from '../../src/container/container-spec.js';
import { deriveSpec } from '../../src/container/derive-spec.js';
import {
  anonVolume,
  debianImage,
  fixtureSnapshot,
  linkedSnapshot,
} from '../docker/fixtures/snapshots.js';
import {
  changedDefaultNote,
  composeLabelsNote,
  missingImageNote,
} from '../../src/container/derive-notes.js';
import {
  container,
  deriveInput,
  image,
  newImage,
  newPath,
  runDeriveRows,
} from './derive-fixtures.js';

const oldPath = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const pathNote = `env PATH: the container had the old image's default "${oldPath.slice(5)}", so the new image's default applies (now "/opt/new/bin:/usr/bin:/bin"); set it in the manifest if it was chosen on purpose.`;
const labelNote = `label io.payram.provision.source: the container had the old image's default "debootstrap-minbase-bookworm", so the new image's default applies (now "debootstrap-minbase-trixie"); set it in the manifest if it was chosen on purpose.`;

describe('deriveSpec on captured containers', () => {
  it('re-sends the intent of fidelity-fixture and nothing of the engine or the old image', () => {
    const result = deriveSpec(deriveInput({ current: fixtureSnapshot }));

    const expected: ContainerSpec = {
      name: 'payram-next',
      image: 'debian:trixie-slim',
      config: {
        env: ['POSTGRES_PASSWORD=dummy-password', 'USER_VAR=1', 'POSTGRES_HOST=localhost'],
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
        binds: [
          '/tmp/fidelity/pg:/var/lib/payram/db/postgres',
          'fidelity-named-vol:/data',
          '/tmp/fidelity/bind:/bind:ro',
        ],
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
        rest: fixtureSnapshot.hostConfig.rest,
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
          links: [],
          driverOpts: {},
        },
      ],
    };
    expect(result).to.deep.equal({
      spec: expected,
      notes: [
        pathNote,
        labelNote,
        `The volume at /anon is re-attached by name (${anonVolume}) to keep its data.`,
        'Network fidelity-net-a: the static address 10.213.7.50 is held by the old container until it is disconnected from fidelity-net-a.',
        'Network fidelity-net-b: the static address fd00:213:8::50 is held by the old container until it is disconnected from fidelity-net-b.',
      ],
    });
  });

  it('pins the ephemeral ports of fidelity-linked and rewrites its link', () => {
    const result = deriveSpec(deriveInput({ current: linkedSnapshot }));

    expect(result).to.deep.equal({
      spec: {
        name: 'payram-next',
        image: 'debian:trixie-slim',
        config: {
          env: [],
          labels: {},
          cmd: ['sleep', 'infinity'],
          entrypoint: undefined,
          workingDir: '/srv',
          user: '1000:1000',
          hostname: 'payram-host',
          domainname: undefined,
          exposedPorts: ['53/udp', '8080/tcp'],
          healthcheck: undefined,
          stopSignal: undefined,
          stopTimeout: undefined,
          tty: false,
          openStdin: false,
          stdinOnce: false,
        },
        hostConfig: {
          portBindings: [
            { containerPort: '53/udp', hostIp: '', hostPort: '32768' },
            { containerPort: '8080/tcp', hostIp: '', hostPort: '32768' },
          ],
          binds: [],
          mounts: [],
          restartPolicy: { name: 'no', maximumRetryCount: 0 },
          networkMode: 'default',
          links: ['fidelity-plain:db'],
          rest: linkedSnapshot.hostConfig.rest,
        },
        networks: [linkedSnapshot.networks[0]],
      },
      notes: [
        'Port 53/udp was published on a host port the engine chose; it is pinned to 32768 so its address stays the same.',
        'Port 8080/tcp was published on a host port the engine chose; it is pinned to 32768 so its address stays the same.',
        pathNote,
        labelNote,
      ],
    });
  });

  it('adds no notes about defaults when the new image keeps the old ones', () => {
    const result = deriveSpec(deriveInput({ current: fixtureSnapshot, newImage: debianImage }));

    expect(result.notes).to.deep.equal([
      `The volume at /anon is re-attached by name (${anonVolume}) to keep its data.`,
      'Network fidelity-net-a: the static address 10.213.7.50 is held by the old container until it is disconnected from fidelity-net-a.',
      'Network fidelity-net-b: the static address fd00:213:8::50 is held by the old container until it is disconnected from fidelity-net-b.',
    ]);
    expect(result.spec.config.env).to.deep.equal([
      'POSTGRES_PASSWORD=dummy-password',
      'USER_VAR=1',
      'POSTGRES_HOST=localhost',
    ]);
  });
});

const withEnv = (...env: string[]) => container((s) => (s.config.env = env));
const oldWith = (edit: Parameters<typeof image>[1]) => image(debianImage, edit);
const newWith = (edit: Parameters<typeof image>[1]) => image(newImage, edit);
const env = (spec: ContainerSpec) => spec.config.env;

describe('deriveSpec: env', () => {
  runDeriveRows([
    {
      name: 'keeps what the user set and drops what equals the old image',
      input: { current: withEnv('A=1', oldPath) },
      pick: env,
      expected: ['A=1'],
    },
    {
      name: 'keeps a variable the user changed from the image default',
      input: { current: withEnv('PATH=/custom/bin', 'A=1') },
      pick: env,
      expected: ['PATH=/custom/bin', 'A=1'],
    },
    {
      name: 'notes a dropped default that the new image changes',
      input: { current: withEnv(oldPath), newImage: oldWith((c) => (c.env = [newPath])) },
      pick: env,
      expected: [],
      notes: [changedDefaultNote('env', 'PATH', oldPath.slice(5), newPath.slice(5))],
    },
    {
      name: 'notes a dropped default that the new image no longer sets, masking a secret',
      input: {
        current: withEnv('DB_PASSWORD=changeme', 'A=1'),
        oldImage: oldWith((c) => (c.env = ['DB_PASSWORD=changeme'])),
      },
      pick: env,
      expected: ['A=1'],
      notes: [
        'env DB_PASSWORD: the container had the old image\'s default "***", so the new image\'s default applies (the new image does not set it); set it in the manifest if it was chosen on purpose.',
      ],
    },
    {
      name: 'keeps every entry when the old image is gone, and says so',
      input: { current: withEnv('A=1', oldPath), oldImage: undefined },
      pick: env,
      expected: ['A=1', oldPath],
      notes: [missingImageNote(debianImage.id)],
    },
    {
      name: 'lays the overlay over the user env key by key, keeping the order',
      input: {
        current: withEnv('A=1', 'B=2', oldPath),
        overlay: { env: { B: '3', C: '4' } },
      },
      pick: env,
      expected: ['A=1', 'B=3', 'C=4'],
    },
  ]);
});

const withLabels = (labels: Record<string, string>) => container((s) => (s.config.labels = labels));
const labels = (spec: ContainerSpec) => spec.config.labels;
const oci = 'org.opencontainers.image.version';

describe('deriveSpec: labels', () => {
  runDeriveRows([
    {
      name: "drops labels equal to the old image and keeps the user's",
      input: {
        current: withLabels({ ...debianImage.config.labels, mine: 'x' }),
      },
      pick: labels,
      expected: { mine: 'x' },
    },
    {
      name: "lets the new image's OCI labels through without a note",
      input: {
        current: withLabels({ [oci]: '1.7.8' }),
        oldImage: oldWith((c) => (c.labels = { [oci]: '1.7.8' })),
        newImage: oldWith((c) => (c.labels = { [oci]: '1.7.9' })),
      },
      pick: labels,
      expected: {},
    },
    {
      name: 'notes a dropped label whose default the new image changes',
      input: {
        current: container((c) => (c.config.env = [])),
        newImage,
      },
      pick: labels,
      expected: {},
      notes: [
        changedDefaultNote(
          'label',
          'io.payram.provision.source',
          'debootstrap-minbase-bookworm',
          'debootstrap-minbase-trixie',
        ),
      ],
    },
    {
      name: 'keeps compose labels and warns that compose will recreate again',
      input: {
        current: withLabels({ 'com.docker.compose.project': 'payram' }),
      },
      pick: labels,
      expected: { 'com.docker.compose.project': 'payram' },
      notes: [composeLabelsNote],
    },
    {
      name: 'without the old image, drops only the OCI labels the new image sets',
      input: {
        current: withLabels({ [oci]: '1.7.8', 'org.opencontainers.image.url': 'u', mine: 'x' }),
        oldImage: undefined,
        newImage: newWith((c) => (c.labels = { [oci]: '1.7.9' })),
      },
      pick: labels,
      expected: { 'org.opencontainers.image.url': 'u', mine: 'x' },
      notes: [missingImageNote(debianImage.id)],
    },
  ]);
});

const process = (spec: ContainerSpec) => {
  const { cmd, entrypoint, workingDir, user, stopSignal, healthcheck } = spec.config;
  return { cmd, entrypoint, workingDir, user, stopSignal, healthcheck };
};
const imageDefaults = {
  cmd: undefined,
  entrypoint: undefined,
  workingDir: undefined,
  user: undefined,
  stopSignal: undefined,
  healthcheck: undefined,
};
const richImage = oldWith((c) => {
  Object.assign(c, { cmd: ['serve'], entrypoint: ['/entry.sh'], workingDir: '/app' });
  Object.assign(c, { user: 'payram', stopSignal: 'SIGQUIT' });
  c.healthcheck = { test: ['CMD', 'probe'], intervalNs: 30e9, retries: 3 };
});
const likeRichImage = container((s) => {
  Object.assign(s.config, { cmd: ['serve'], entrypoint: ['/entry.sh'], workingDir: '/app' });
  Object.assign(s.config, { user: 'payram', stopSignal: 'SIGQUIT' });
  s.config.healthcheck = { test: ['CMD', 'probe'], intervalNs: 30e9, retries: 3 };
});
const edited = (edit: Parameters<typeof container>[0]) =>
  container((s) => {
    Object.assign(s.config, likeRichImage.config);
    edit?.(s);
  });

describe('deriveSpec: cmd, entrypoint, working dir, user, stop signal, healthcheck', () => {
  runDeriveRows([
    {
      name: 'leaves every field to the new image when it equals the old image',
      input: { current: likeRichImage, oldImage: richImage },
      pick: process,
      expected: imageDefaults,
    },
    {
      name: 're-sends a cmd, working dir, user and stop signal the user changed',
      input: {
        current: edited((s) => {
          Object.assign(s.config, { cmd: ['worker'], workingDir: '/srv', user: '1000' });
          s.config.stopSignal = 'SIGINT';
        }),
        oldImage: richImage,
      },
      pick: process,
      expected: {
        ...imageDefaults,
        cmd: ['worker'],
        workingDir: '/srv',
        user: '1000',
        stopSignal: 'SIGINT',
      },
    },
    {
      name: 'keeps the cmd with a user entrypoint, even where the cmd equals the old image',
      input: {
        current: edited((s) => (s.config.entrypoint = ['/custom.sh'])),
        oldImage: richImage,
      },
      pick: process,
      expected: { ...imageDefaults, cmd: ['serve'], entrypoint: ['/custom.sh'] },
    },
    {
      name: 'keeps a healthcheck disabled by the user',
      input: {
        current: edited((s) => (s.config.healthcheck = { test: ['NONE'] })),
        oldImage: richImage,
      },
      pick: process,
      expected: { ...imageDefaults, healthcheck: { test: ['NONE'] } },
    },
    {
      name: 'keeps only the healthcheck fields the user changed; the test is inherited',
      input: {
        current: edited((s) => {
          s.config.healthcheck = { test: ['CMD', 'probe'], intervalNs: 5e9, retries: 3 };
        }),
        oldImage: richImage,
      },
      pick: process,
      expected: { ...imageDefaults, healthcheck: { test: [], intervalNs: 5e9 } },
    },
    {
      name: 're-sends everything when the old image is gone',
      input: { current: likeRichImage, oldImage: undefined },
      pick: process,
      expected: {
        cmd: ['serve'],
        entrypoint: ['/entry.sh'],
        workingDir: '/app',
        user: 'payram',
        stopSignal: 'SIGQUIT',
        healthcheck: { test: ['CMD', 'probe'], intervalNs: 30e9, retries: 3 },
      },
      notes: [missingImageNote(debianImage.id)],
    },
  ]);
});

const identity = (spec: ContainerSpec) => {
  const { hostname, domainname, stopTimeout, tty, openStdin, stdinOnce } = spec.config;
  return { hostname, domainname, stopTimeout, tty, openStdin, stdinOnce };
};
const plainIdentity = {
  hostname: undefined,
  domainname: undefined,
  stopTimeout: undefined,
  tty: false,
  openStdin: false,
  stdinOnce: false,
};
const named = (edit: Parameters<typeof container>[0]) =>
  container((s) => {
    s.config.hostname = 'payram-box';
    edit?.(s);
  });

describe('deriveSpec: hostname and terminal settings', () => {
  runDeriveRows([
    {
      name: 'lets the engine pick a hostname that is the short container id',
      input: {},
      pick: identity,
      expected: plainIdentity,
    },
    {
      name: 'keeps a hostname and domain name the user set, and the terminal settings',
      input: {
        current: named((s) => {
          Object.assign(s.config, { domainname: 'example.test', stopTimeout: 60 });
          Object.assign(s.config, { tty: true, openStdin: true, stdinOnce: true });
        }),
      },
      pick: identity,
      expected: {
        hostname: 'payram-box',
        domainname: 'example.test',
        stopTimeout: 60,
        tty: true,
        openStdin: true,
        stdinOnce: true,
      },
    },
    ...['host', 'container:db'].map((mode) => ({
      name: `sends no hostname in network mode ${mode}`,
      input: {
        current: named((s) => {
          s.hostConfig.networkMode = mode;
        }),
      },
      pick: (spec: ContainerSpec) => spec.config.hostname,
      expected: undefined,
    })),
    {
      name: 'sends no hostname with the host UTS namespace',
      input: {
        current: named((s) => (s.hostConfig.rest = { ...s.hostConfig.rest, UTSMode: 'host' })),
      },
      pick: (spec) => spec.config.hostname,
      expected: undefined,
    },
  ]);
});
