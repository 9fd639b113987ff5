import { networkInterfaces } from 'node:os';
import type Docker from 'dockerode';

export interface BridgeNetworks {
  /** Gateway IPs on this host: where sibling containers reach a host-networked updater. */
  gateways: string[];
  subnets: string[];
  /** How the answer was found, for the startup log. */
  source: 'docker' | 'interfaces' | 'none';
}

/** Asks the engine for its bridge networks; falls back to docker0 on the host's interfaces. */
export async function detectBridgeNetworks(docker: Docker): Promise<BridgeNetworks> {
  try {
    const networks = await docker.listNetworks({ filters: { driver: ['bridge'] } });
    const configs = networks.flatMap((network) => network.IPAM?.Config ?? []);
    const gateways = configs.flatMap((c) => gatewayOf(c.Gateway, c.Subnet));
    const subnets = configs.flatMap((c) => (c.Subnet ? [c.Subnet] : []));
    if (gateways.length > 0) return { gateways, subnets, source: 'docker' };
  } catch {
    // The engine may be down at start; the interfaces still say where the bridge is.
  }
  return fromInterfaces();
}

/**
 * Docker 20.10 leaves `Gateway` out of the default bridge's IPAM config; the engine gives
 * the bridge the subnet's first host address, so that is where the gateway is.
 */
export function gatewayOf(gateway: string | undefined, subnet: string | undefined): string[] {
  if (gateway) return [gateway];
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet ?? '');
  if (match === null) return [];
  const [a, b, c, d, prefix] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (prefix > 30) return [];
  const base = (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) & (~0 << (32 - prefix));
  const first = (base + 1) >>> 0;
  return [[first >>> 24, (first >>> 16) & 255, (first >>> 8) & 255, first & 255].join('.')];
}

function fromInterfaces(): BridgeNetworks {
  const bridges = Object.entries(networkInterfaces()).filter(
    ([name]) => name === 'docker0' || name.startsWith('br-'),
  );
  const addresses = bridges.flatMap(([, infos]) => infos ?? []).filter((i) => i.family === 'IPv4');
  if (addresses.length === 0) return { gateways: [], subnets: [], source: 'none' };
  return {
    gateways: addresses.map((a) => a.address),
    subnets: addresses.flatMap((a) => (a.cidr === null ? [] : [a.cidr])),
    source: 'interfaces',
  };
}
