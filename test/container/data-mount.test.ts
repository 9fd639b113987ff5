import { expect } from 'chai';

import type { ContainerSnapshot, MountPoint } from '../../src/container/container-snapshot.js';
import type { ContainerSpec } from '../../src/container/container-spec.js';
import {
  checkDataMountPreserved,
  findDataMount,
  payramDataPath,
  specKeepsDataMount,
} from '../../src/container/data-mount.js';
import { fixtureSnapshot, plainSnapshot } from '../docker/fixtures/snapshots.js';

const mount = (overrides: Partial<MountPoint>): MountPoint => ({
  type: 'bind',
  name: undefined,
  source: '/srv/payram/db',
  destination: payramDataPath,
  readWrite: true,
  propagation: 'rprivate',
  driver: undefined,
  mode: '',
  ...overrides,
});
const bindMount = mount({});
const volumeMount = mount({
  type: 'volume',
  name: 'payram-postgres-data',
  source: '/var/lib/docker/volumes/payram-postgres-data/_data',
  driver: 'local',
});
const withMounts = (...mounts: MountPoint[]): ContainerSnapshot => ({ ...plainSnapshot, mounts });
const spec = (binds: string[], mounts: ContainerSpec['hostConfig']['mounts'] = []) =>
  ({ hostConfig: { binds, mounts } }) as ContainerSpec;

describe('findDataMount', () => {
  it('finds the mount at the data path, with or without a trailing slash', () => {
    const other = mount({ destination: '/data' });
    const slashed = mount({ destination: `${payramDataPath}/` });

    expect([
      findDataMount(fixtureSnapshot.mounts),
      findDataMount([other, slashed]),
      findDataMount([other]),
    ]).to.deep.equal([fixtureSnapshot.mounts[0], slashed, undefined]);
  });
});

describe('specKeepsDataMount', () => {
  const table: [string, ContainerSnapshot, ContainerSpec, string | undefined][] = [
    ['nothing to keep', withMounts(), spec([]), undefined],
    [
      'the same bind',
      withMounts(bindMount),
      spec([`/srv/payram/db/:${payramDataPath}`]),
      undefined,
    ],
    [
      'the same volume, as a --mount',
      withMounts(volumeMount),
      spec(
        [],
        [
          {
            type: 'volume',
            source: 'payram-postgres-data',
            target: payramDataPath,
            readOnly: false,
            options: {},
          },
        ],
      ),
      undefined,
    ],
    [
      'a missing mount',
      withMounts(bindMount),
      spec(['/srv/other:/data']),
      `The new container does not mount ${payramDataPath}; the database lives in the host path /srv/payram/db.`,
    ],
    [
      'another host path',
      withMounts(bindMount),
      spec([`/srv/new:${payramDataPath}`]),
      `The new container mounts the host path /srv/new at ${payramDataPath} instead of the host path /srv/payram/db.`,
    ],
    [
      'a volume instead of the bind',
      withMounts(bindMount),
      spec([`payram-postgres-data:${payramDataPath}`]),
      `The new container mounts the volume payram-postgres-data at ${payramDataPath} instead of the host path /srv/payram/db.`,
    ],
    [
      'read-only',
      withMounts(volumeMount),
      spec([`payram-postgres-data:${payramDataPath}:ro`]),
      `The new container mounts the volume payram-postgres-data read-only at ${payramDataPath}; PostgreSQL needs to write there.`,
    ],
    [
      'twice',
      withMounts(bindMount),
      spec(
        [`/srv/payram/db:${payramDataPath}`],
        [
          {
            type: 'bind',
            source: '/srv/payram/db',
            target: payramDataPath,
            readOnly: false,
            options: {},
          },
        ],
      ),
      `The new container would mount ${payramDataPath} 2 times; it must mount the host path /srv/payram/db there once.`,
    ],
  ];
  for (const [name, current, planned, expected] of table) {
    it(name, () => {
      expect(specKeepsDataMount(current, planned)).to.equal(expected);
    });
  }
});

describe('checkDataMountPreserved', () => {
  const after = (...mounts: MountPoint[]): ContainerSnapshot => ({
    ...plainSnapshot,
    name: 'payram',
    mounts,
  });
  const table: [string, ContainerSnapshot, ContainerSnapshot, string | undefined][] = [
    ['no data mount before', withMounts(), after(), undefined],
    ['the same bind', withMounts(bindMount), after(mount({ propagation: '' })), undefined],
    ['the same volume', withMounts(volumeMount), after(volumeMount), undefined],
    [
      'gone',
      withMounts(bindMount),
      after(),
      `The container payram does not mount ${payramDataPath}; the database lives in the host path /srv/payram/db.`,
    ],
    [
      'another volume',
      withMounts(volumeMount),
      after({ ...volumeMount, name: 'fresh' }),
      `The container payram mounts the volume fresh at ${payramDataPath} instead of the volume payram-postgres-data.`,
    ],
    [
      'read-only now',
      withMounts(bindMount),
      after(mount({ readWrite: false })),
      `The container payram mounts the host path /srv/payram/db read-only at ${payramDataPath}; PostgreSQL needs to write there.`,
    ],
    [
      'read-write now',
      withMounts(mount({ readWrite: false })),
      after(bindMount),
      `The container payram mounts the host path /srv/payram/db read-write at ${payramDataPath}, where it was read-only.`,
    ],
  ];
  for (const [name, before, now, expected] of table) {
    it(name, () => {
      expect(checkDataMountPreserved(before, now)).to.equal(expected);
    });
  }
});
