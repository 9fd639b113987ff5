import { isIP } from 'node:net';

// [ip:]host:container[/proto]; an IPv6 host IP is bracketed, as docker run -p takes it.
const mappingPattern = /^(?:(\[[0-9a-f:.]+\]|[0-9.]+):)?(\d{1,5}):(\d{1,5})(?:\/(tcp|udp))?$/;

function isPortNumber(text: string): boolean {
  const port = Number(text);
  return port >= 1 && port <= 65535;
}

function isHostIp(text: string): boolean {
  return text.startsWith('[') ? isIP(text.slice(1, -1)) === 6 : isIP(text) === 4;
}

export function isPortMapping(text: string): boolean {
  const match = mappingPattern.exec(text);
  if (match === null) return false;

  const [, ip, host = '', container = ''] = match;
  return (ip === undefined || isHostIp(ip)) && isPortNumber(host) && isPortNumber(container);
}
