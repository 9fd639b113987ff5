import { UpdaterError } from '../shared/updater-error.js';
import type { RuntimeOverlay } from '../policy/types.js';
import type { ContainerSnapshot, ImageSnapshot, PortBinding } from './container-snapshot.js';
import { pinnedPortNote, sharedNetworkPortsNote, unassignedPortNote } from './derive-notes.js';
import { parsePortMapping } from './port-mapping.js';

/** PORTS_OVERRIDE, else the manifest's ports, else the container's own bindings. */
export function derivePortBindings(
  current: ContainerSnapshot,
  overlayPorts: RuntimeOverlay['ports'],
  portsOverride: readonly string[] | undefined,
  notes: string[],
): PortBinding[] {
  const replacement = replacementPorts(overlayPorts, portsOverride);
  if (replacement === undefined) return pinEphemeral(current, notes);

  if (current.hostConfig.networkMode.startsWith('container:')) {
    notes.push(sharedNetworkPortsNote(current.hostConfig.networkMode));
    return current.hostConfig.portBindings.map((b) => ({ ...b }));
  }
  return replacement;
}

/** The container's exposed ports that did not come from the old image, plus the published ones. */
export function deriveExposedPorts(
  current: ContainerSnapshot,
  oldImage: ImageSnapshot | undefined,
  bindings: readonly PortBinding[],
): string[] {
  // The engine refuses exposed ports on a container that joins another one's network.
  if (current.hostConfig.networkMode.startsWith('container:')) return [];

  const fromImage = new Set(oldImage?.config.exposedPorts ?? []);
  const own = current.config.exposedPorts.filter((port) => !fromImage.has(port));
  const all = new Set([...own, ...bindings.map((b) => b.containerPort)]);
  return [...all].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function replacementPorts(
  overlayPorts: RuntimeOverlay['ports'],
  portsOverride: readonly string[] | undefined,
): PortBinding[] | undefined {
  if (portsOverride !== undefined) {
    return parseAll(portsOverride, 'INVALID_CONFIG', 'PORTS_OVERRIDE entry');
  }
  if (overlayPorts !== undefined) {
    return parseAll(overlayPorts, 'MANIFEST_INVALID_JSON', 'The manifest port');
  }
  return undefined;
}

function parseAll(
  mappings: readonly string[],
  code: 'INVALID_CONFIG' | 'MANIFEST_INVALID_JSON',
  subject: string,
): PortBinding[] {
  return mappings.map((text) => {
    const binding = parsePortMapping(text);
    if (binding === undefined) {
      throw new UpdaterError(
        code,
        `${subject} "${text}" is not a port mapping like [ip:]host:container[/tcp|udp].`,
      );
    }
    return binding;
  });
}

// A host port left to the engine ('' or a range) is pinned to the one it picked, so the core
// stays at the address clients already use.
function pinEphemeral(current: ContainerSnapshot, notes: string[]): PortBinding[] {
  return current.hostConfig.portBindings.map((binding) => {
    if (binding.hostPort !== '' && !binding.hostPort.includes('-')) return { ...binding };

    const assigned = current.publishedPorts.find(
      (p) =>
        p.containerPort === binding.containerPort &&
        p.hostPort !== '' &&
        (binding.hostIp === '' || p.hostIp === binding.hostIp),
    );
    if (assigned === undefined) {
      notes.push(unassignedPortNote(binding.containerPort));
      return { ...binding };
    }
    notes.push(pinnedPortNote(binding.containerPort, assigned.hostPort));
    return { ...binding, hostPort: assigned.hostPort };
  });
}
