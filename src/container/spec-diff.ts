import type { ContainerSnapshot } from './container-snapshot.js';
import type { ContainerSpec } from './container-spec.js';
import { listChanges, show, valueChange } from './change-lines.js';
import { envMap } from './env-entries.js';
import { maskValue } from './mask-spec.js';
import { hostConfigChanges } from './host-config-diff.js';

// deriveSpec only drops what the old image set and only adds what the manifest asks for, which
// is what these sentences assume.

export function describeSpecChanges(current: ContainerSnapshot, spec: ContainerSpec): string[] {
  return [
    ...valueChange('image', current.imageRef, spec.image),
    ...keyedChanges('env', envMap(current.config.env), envMap(spec.config.env), ' by the manifest'),
    ...keyedChanges('labels', labelMap(current.config.labels), labelMap(spec.config.labels), ''),
    ...processChanges(current, spec),
    ...hostConfigChanges(current, spec),
  ];
}

function keyedChanges(
  name: string,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  addedBy: string,
): string[] {
  const lines: string[] = [];
  for (const key of before.keys()) {
    if (!after.has(key)) lines.push(`${name}: ${key} dropped (default of the old image)`);
  }
  for (const [key, value] of after) {
    const previous = before.get(key);
    if (previous === value) continue;
    const verb = previous === undefined ? 'added' : 'changed';
    lines.push(`${name}: ${key}=${maskValue(key, value)} ${verb}${addedBy}`);
  }
  return lines;
}

function processChanges(current: ContainerSnapshot, spec: ContainerSpec): string[] {
  const was = current.config;
  const now = spec.config;
  return [
    ...defaulted('cmd', was.cmd, now.cmd),
    ...defaulted('entrypoint', was.entrypoint, now.entrypoint),
    ...defaulted('working dir', was.workingDir, now.workingDir),
    ...defaulted('user', was.user, now.user),
    ...defaulted('stop signal', was.stopSignal, now.stopSignal),
    ...defaulted('healthcheck', was.healthcheck, now.healthcheck),
    ...defaulted('hostname', was.hostname, now.hostname, 'assigned by the engine'),
    ...defaulted('domainname', was.domainname, now.domainname, 'assigned by the engine'),
    ...valueChange('stop timeout', was.stopTimeout, now.stopTimeout),
    ...valueChange('tty', was.tty, now.tty),
    ...valueChange('open stdin', was.openStdin, now.openStdin),
    ...valueChange('stdin once', was.stdinOnce, now.stdinOnce),
    ...listChanges('exposed ports', was.exposedPorts, now.exposedPorts, 'left to the new image'),
  ];
}

// An undefined spec field means "the new image's default"; an empty current value was one too.
function defaulted(
  name: string,
  before: unknown,
  after: unknown,
  fallback = "the new image's default",
): string[] {
  if (after !== undefined) return valueChange(name, before, after);
  if (before === undefined || before === '') return [];
  return [`${name}: ${show(before)} → ${fallback}`];
}

function labelMap(labels: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(labels));
}
