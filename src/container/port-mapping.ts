import type { PortBinding } from './container-snapshot.js';

// [ip:]host:container[/proto], as `docker run -p` takes it; an IPv6 host IP is bracketed.
const mappingPattern =
  /^(?:(\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(\d{1,5}):(\d{1,5})(?:\/(tcp|udp|sctp))?$/;

/** A `-p` style mapping as a binding; undefined when it is not one. */
export function parsePortMapping(text: string): PortBinding | undefined {
  const match = mappingPattern.exec(text.trim());
  if (match === null) return undefined;

  const [, ip = '', hostPort = '', port = '', proto = 'tcp'] = match;
  if (!isPortNumber(hostPort) || !isPortNumber(port)) return undefined;
  const hostIp = ip.startsWith('[') ? ip.slice(1, -1) : ip;
  return { containerPort: `${port}/${proto}`, hostIp, hostPort };
}

/** `127.0.0.1:18080→8080/tcp`; a binding without a host port shows `?` for the engine's pick. */
export function formatPortBinding(binding: PortBinding): string {
  const ip = binding.hostIp.includes(':') ? `[${binding.hostIp}]` : binding.hostIp;
  const host = `${ip === '' ? '' : `${ip}:`}${binding.hostPort === '' ? '?' : binding.hostPort}`;
  return `${host}→${binding.containerPort}`;
}

function isPortNumber(text: string): boolean {
  const port = Number(text);
  return port >= 1 && port <= 65535;
}
