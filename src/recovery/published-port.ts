export interface HostEndpoint {
  host: string;
  port: string;
}

export const defaultCoreEndpoint: HostEndpoint = { host: '127.0.0.1', port: '8080' };

// [ip:]host[-host]:container[-container][/proto], IPv6 host IPs bracketed as `docker run -p`
// takes them. A mapping without a host port lets Docker pick one, which a playbook cannot know.
const hostIp = String.raw`(\[[0-9a-fA-F:.]+\]|[0-9.]*)`;
const portRange = String.raw`\d{1,5}(?:-\d{1,5})?`;
const mappingPattern = new RegExp(
  String.raw`^(?:${hostIp}:)?(\d{1,5})(?:-\d{1,5})?:${portRange}(?:\/(tcp|udp|sctp))?$`,
);

// A port bound to every interface answers on loopback, the address an operator on the host uses.
const wildcardHosts = new Set(['', '0.0.0.0', '[::]']);

export function parseHostEndpoint(mapping: string): HostEndpoint | undefined {
  const match = mappingPattern.exec(mapping.trim());
  if (match === null) return undefined;

  const [, ip = '', port = '', protocol = 'tcp'] = match;
  if (protocol !== 'tcp') return undefined;
  return { host: wildcardHosts.has(ip) ? defaultCoreEndpoint.host : ip, port };
}

/** Where the Payram core answers on the host: the first published TCP port, else 8080. */
export function coreEndpointOf(ports: readonly string[]): HostEndpoint {
  for (const mapping of ports) {
    const endpoint = parseHostEndpoint(mapping);
    if (endpoint !== undefined) return endpoint;
  }
  return defaultCoreEndpoint;
}
