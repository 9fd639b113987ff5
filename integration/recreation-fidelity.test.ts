import { expect } from 'chai';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';
import { buildDummyImage, dummyRepo, waitForHttp } from './support/data-dummy.js';
import { freePort, repoRoot, type DaemonProcess } from './support/daemon-process.js';
import {
  docker,
  execOutput as exec,
  psql,
  removeContainersNamed,
  requestUpgrade,
  startExecuteDaemon,
  waitForEnd,
} from './support/upgrade-harness.js';

const name = 'payram-it-fidelity';
const networks = { a: 'payram-it-net-a', b: 'payram-it-net-b' };
const volume = 'payram-it-named';
const healthcheck = {
  Test: [
    'CMD-SHELL',
    'node -e "fetch(\'http://127.0.0.1:8080/api/v1/health\').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"',
  ],
  Interval: 2_000_000_000,
  Timeout: 2_000_000_000,
  Retries: 5,
};

/** What the operator set, read back from inspect: everything that must survive the upgrade. */
function intent(info: Docker.ContainerInspectInfo) {
  const nets = info.NetworkSettings.Networks;
  const endpoint = (net: string) => {
    const e = nets[net] as
      { Aliases?: string[] | null; IPAMConfig?: { IPv4Address?: string } | null } | undefined;
    return {
      aliases: (e?.Aliases ?? []).filter((a) => !info.Id.startsWith(a)).sort(),
      ip: e?.IPAMConfig?.IPv4Address ?? '',
    };
  };
  const mounts = info.Mounts.map(
    (m) => `${m.Type}:${m.Type === 'bind' ? m.Source : m.Name}:${m.Destination}:${m.RW}`,
  ).sort();
  return {
    name: info.Name,
    env: info.Config.Env.filter(
      (e) => e.startsWith('POSTGRES_') || e.startsWith('OPERATOR_'),
    ).sort(),
    labels: Object.fromEntries(
      Object.entries(info.Config.Labels).filter(([k]) => k.startsWith('com.example.')),
    ),
    cmd: info.Config.Cmd,
    healthcheck: info.Config.Healthcheck,
    restartPolicy: info.HostConfig.RestartPolicy,
    portBindings: info.HostConfig.PortBindings as unknown,
    extraHosts: info.HostConfig.ExtraHosts,
    networkMode: info.HostConfig.NetworkMode,
    networks: Object.keys(nets).sort(),
    endpointA: endpoint(networks.a),
    endpointB: endpoint(networks.b),
    mounts,
  };
}

describe('recreation fidelity: every setting of the old container comes back', () => {
  let dir: TempDir;
  let daemon: DaemonProcess | undefined;
  let hostPort: number;
  // Re-attached by name, the anonymous volume outlives `remove({ v: true })`; removed here.
  let anonymousVolume: string | undefined;

  before(async () => {
    await Promise.all([buildDummyImage('1.7.8'), buildDummyImage('1.7.9')]);
    dir = await makeTempDir();
    await docker.createNetwork({
      Name: networks.a,
      IPAM: { Config: [{ Subnet: '172.31.240.0/24' }] },
    });
    await docker.createNetwork({ Name: networks.b });
    await docker.createVolume({ Name: volume });
    hostPort = await freePort();
  });
  after(async () => {
    await daemon?.kill('SIGKILL');
    await removeContainersNamed(name);
    for (const net of Object.values(networks))
      await docker
        .getNetwork(net)
        .remove()
        .catch(() => undefined);
    for (const leftover of [volume, anonymousVolume].filter((v) => v !== undefined))
      await docker
        .getVolume(leftover)
        .remove()
        .catch(() => undefined);
    await dir.remove();
  });

  it('keeps networks and aliases, volumes (named, anonymous, bind), labels, restart policy, ports, command, extra hosts and healthcheck', async () => {
    const bindDir = join(dir.path, 'bind');
    await mkdir(bindDir);
    await writeFile(join(bindDir, 'marker.txt'), 'bind data');
    const container = await docker.createContainer({
      name,
      Image: `${dummyRepo}:1.7.8`,
      Cmd: ['--operator-custom-command'],
      Env: [
        'POSTGRES_PASSWORD=fidelity-secret',
        'POSTGRES_USER=payram',
        'POSTGRES_DB=payram',
        'OPERATOR_FLAG=on',
      ],
      Labels: { 'com.example.team': 'payments', 'com.example.tier': 'gold' },
      Healthcheck: healthcheck,
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: {
        Binds: [
          `${join(dir.path, 'pgdata')}:/var/lib/payram/db/postgres`,
          `${bindDir}:/srv/bind:ro`,
          `${volume}:/srv/named`,
        ],
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] },
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        ExtraHosts: ['ledger.example.test:10.1.2.3'],
        NetworkMode: networks.a,
      },
      Volumes: { '/srv/anonymous': {} },
      NetworkingConfig: {
        EndpointsConfig: {
          [networks.a]: {
            Aliases: ['payram-core', 'pay'],
            IPAMConfig: { IPv4Address: '172.31.240.50' },
          },
        },
      },
    });
    await docker
      .getNetwork(networks.b)
      .connect({ Container: container.id, EndpointConfig: { Aliases: ['payram-b'] } });
    await container.start();
    anonymousVolume = (await container.inspect()).Mounts.find(
      (mount) => mount.Destination === '/srv/anonymous',
    )?.Name;
    const baseUrl = `http://127.0.0.1:${hostPort}`;
    await waitForHttp(`${baseUrl}/api/v1/health`, (status) => status === 200, 60_000);
    await psql(name, 'INSERT INTO payments(amount) VALUES (99.99)');
    await exec(name, [
      'sh',
      '-c',
      'echo anonymous data > /srv/anonymous/marker.txt && echo named data > /srv/named/marker.txt',
    ]);
    const before = intent(await container.inspect());

    daemon = await startExecuteDaemon(dir.path, name, {
      RUNTIME_MANIFEST_URL: join(repoRoot, 'integration/fixtures/manifest-no-overlay.json'),
    });
    await requestUpgrade(daemon, '1.7.9');
    const job = await waitForEnd(daemon);
    expect(job).to.include({ state: 'READY' });

    const afterInfo = await docker.getContainer(name).inspect();
    expect(afterInfo.Config.Image).to.equal(`${dummyRepo}:1.7.9`);
    const after = intent(afterInfo);
    for (const field of Object.keys(before) as (keyof typeof before)[]) {
      expect(after[field], field).to.deep.equal(before[field]);
    }
    expect(afterInfo.Config.Labels['org.opencontainers.image.version']).to.equal('1.7.9');
    expect(
      await exec(name, [
        'cat',
        '/srv/anonymous/marker.txt',
        '/srv/named/marker.txt',
        '/srv/bind/marker.txt',
      ]),
    ).to.equal('anonymous data\nnamed data\nbind data');
    expect(await psql(name, 'SELECT amount FROM payments')).to.equal('99.99');
    const resolved = await exec(name, ['getent', 'hosts', 'ledger.example.test']);
    expect(resolved).to.match(/^10\.1\.2\.3\s+ledger\.example\.test/);
  });
});
