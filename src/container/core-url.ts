import type { PortBinding } from './container-snapshot.js';

const corePort = '8080/tcp';
const anyAddress = new Set(['', '0.0.0.0', '::']);

/**
 * Where the updater reaches the Payram core: the configured URL, else the host side of the
 * core's published port (8080/tcp, else the first published tcp port).
 */
export function coreBaseUrl(
  ports: readonly PortBinding[],
  override: string | undefined,
): string | undefined {
  if (override !== undefined && override.trim() !== '') return override.trim().replace(/\/+$/, '');

  const published = ports.filter((p) => p.hostPort !== '');
  const binding =
    published.find((p) => p.containerPort === corePort) ??
    published.find((p) => p.containerPort.endsWith('/tcp'));
  if (binding === undefined) return undefined;

  return `http://${hostOf(binding.hostIp)}:${binding.hostPort}`;
}

function hostOf(hostIp: string): string {
  if (anyAddress.has(hostIp)) return '127.0.0.1';
  return hostIp.includes(':') ? `[${hostIp}]` : hostIp;
}
