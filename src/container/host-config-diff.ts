import { isDeepStrictEqual } from 'node:util';

import type { ContainerSnapshot, MountSpec, NetworkEndpoint } from './container-snapshot.js';
import type { ContainerSpec } from './container-spec.js';
import { listChanges, valueChange } from './change-lines.js';
import { rewriteLink } from './derive-networks.js';
import { formatPortBinding } from './port-mapping.js';
import { formatRestartPolicy } from './restart-policy.js';

export function hostConfigChanges(current: ContainerSnapshot, spec: ContainerSpec): string[] {
  const was = current.hostConfig;
  const now = spec.hostConfig;
  return [
    ...portChanges(
      was.portBindings.map(formatPortBinding),
      now.portBindings.map(formatPortBinding),
    ),
    ...listChanges('binds', was.binds, now.binds),
    ...listChanges('mounts', was.mounts.map(showMount), now.mounts.map(showMount)),
    ...valueChange(
      'restart policy',
      formatRestartPolicy(was.restartPolicy),
      formatRestartPolicy(now.restartPolicy),
    ),
    ...valueChange('network mode', was.networkMode, now.networkMode),
    ...listChanges('links', was.links.map(rewriteLink), now.links),
    ...networkChanges(current.networks, spec.networks),
    ...restChanges(was.rest, now.rest),
  ];
}

function portChanges(before: string[], after: string[]): string[] {
  if (isDeepStrictEqual([...before].sort(), [...after].sort())) return [];
  const list = (ports: string[]): string => (ports.length === 0 ? 'none' : ports.join(', '));
  return [`ports: ${list(before)} → ${list(after)}`];
}

function showMount(mount: MountSpec): string {
  const source = mount.source === '' ? '' : `${mount.source}→`;
  return `${mount.type} ${source}${mount.target}${mount.readOnly ? ' (read-only)' : ''}`;
}

function networkChanges(before: NetworkEndpoint[], after: NetworkEndpoint[]): string[] {
  const lines = listChanges(
    'networks',
    before.map((n) => n.network),
    after.map((n) => n.network),
    'not joined',
  );
  for (const next of after) {
    const previous = before.find((n) => n.network === next.network);
    if (previous === undefined) continue;
    const name = `network ${next.network}`;
    lines.push(
      ...listChanges(`${name} aliases`, previous.aliases, next.aliases, 'dropped'),
      ...valueChange(`${name} static IPv4`, previous.ipv4Address, next.ipv4Address),
      ...valueChange(`${name} static IPv6`, previous.ipv6Address, next.ipv6Address),
      ...listChanges(`${name} links`, previous.links, next.links),
      ...valueChange(`${name} driver options`, previous.driverOpts, next.driverOpts),
    );
  }
  return lines;
}

function restChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => valueChange(`host config ${key}`, before[key], after[key]));
}
