import type { ContainerSnapshot, NetworkEndpoint } from './container-snapshot.js';
import { staticAddressNote } from './derive-notes.js';

const builtinNetworks = new Set(['bridge', 'host', 'none']);

/** Modes in which the container has no endpoints of its own. */
export function sharesNetwork(networkMode: string): boolean {
  return networkMode === 'host' || networkMode === 'none' || networkMode.startsWith('container:');
}

/**
 * Every endpoint with the user's aliases and static addresses, the one named by the network
 * mode first (it is attached at create time, the others are connected afterwards).
 */
export function deriveNetworks(current: ContainerSnapshot, notes: string[]): NetworkEndpoint[] {
  const { networkMode } = current.hostConfig;
  if (sharesNetwork(networkMode)) return [];

  const shortId = current.id.slice(0, 12);
  const endpoints = current.networks.map((endpoint) => ({
    ...endpoint,
    aliases: builtinNetworks.has(endpoint.network)
      ? []
      : endpoint.aliases.filter((alias) => alias !== current.id && alias !== shortId),
    links: [...endpoint.links],
    driverOpts: endpoint.driverOpts === undefined ? undefined : { ...endpoint.driverOpts },
  }));
  for (const endpoint of endpoints) {
    const addresses = [endpoint.ipv4Address, endpoint.ipv6Address].filter((a) => a !== undefined);
    if (addresses.length > 0) notes.push(staticAddressNote(endpoint.network, addresses));
  }

  const primary = endpoints.find((e) => e.network === networkMode);
  return primary === undefined ? endpoints : [primary, ...endpoints.filter((e) => e !== primary)];
}

/** Legacy links as inspect has them (`/other:/payram/alias`) in the form create takes. */
export function rewriteLink(link: string): string {
  const [target = '', alias = ''] = link.split(':');
  const name = target.replace(/^\//, '');
  const shortAlias = alias.slice(alias.lastIndexOf('/') + 1);
  return shortAlias === '' ? name : `${name}:${shortAlias}`;
}

/** The hostname when the user chose it; the engine's (the short id, the host's) otherwise. */
export function deriveHostname(current: ContainerSnapshot): string | undefined {
  const { hostname } = current.config;
  const { networkMode, rest } = current.hostConfig;
  const engineChosen =
    hostname === '' ||
    hostname === current.id.slice(0, 12) ||
    networkMode === 'host' ||
    networkMode.startsWith('container:') ||
    rest.UTSMode === 'host';
  return engineChosen ? undefined : hostname;
}
