import type { ContainerSnapshot } from './container-snapshot.js';
import type { ContainerSpec } from './container-spec.js';
import { listChanges, show, valueChange } from './change-lines.js';
import { envMap } from './env-entries.js';
import { maskValue } from './mask-spec.js';
import { hostConfigChanges } from './host-config-diff.js';

// deriveSpec only drops what the old image set and only adds what the manifest asks for, which
// is what these sentences assume.

/**
 * What the new container changes, one line each; what it merely leaves to the new image's
 * defaults (the old image's env, labels, entrypoint…) is summed up in one last line, since
 * none of it was the operator's.
 */
export function describeSpecChanges(current: ContainerSnapshot, spec: ContainerSpec): string[] {
  const defaults: string[] = [];
  const lines = [
    ...valueChange('image', current.imageRef, spec.image),
    ...keyedChanges(
      'env',
      envMap(current.config.env),
      envMap(spec.config.env),
      ' by the manifest',
      defaults,
    ),
    ...keyedChanges(
      'labels',
      labelMap(current.config.labels),
      labelMap(spec.config.labels),
      '',
      defaults,
    ),
    ...processChanges(current, spec, defaults),
    ...hostConfigChanges(current, spec),
  ];
  return defaults.length === 0
    ? lines
    : [...lines, `left to the new image's defaults: ${defaults.join(', ')}`];
}

function keyedChanges(
  name: string,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  addedBy: string,
  defaults: string[],
): string[] {
  const lines: string[] = [];
  for (const key of before.keys()) {
    if (!after.has(key)) defaults.push(`${name} ${key}`);
  }
  for (const [key, value] of after) {
    const previous = before.get(key);
    if (previous === value) continue;
    const verb = previous === undefined ? 'added' : 'changed';
    lines.push(`${name}: ${key}=${maskValue(key, value)} ${verb}${addedBy}`);
  }
  return lines;
}

function processChanges(
  current: ContainerSnapshot,
  spec: ContainerSpec,
  defaults: string[],
): string[] {
  const was = current.config;
  const now = spec.config;
  const toImage = (name: string, before: unknown, after: unknown): string[] => {
    if (after !== undefined) return valueChange(name, before, after);
    if (before !== undefined && before !== '') defaults.push(name);
    return [];
  };
  return [
    ...toImage('cmd', was.cmd, now.cmd),
    ...toImage('entrypoint', was.entrypoint, now.entrypoint),
    ...toImage('working dir', was.workingDir, now.workingDir),
    ...toImage('user', was.user, now.user),
    ...toImage('stop signal', was.stopSignal, now.stopSignal),
    ...toImage('healthcheck', was.healthcheck, now.healthcheck),
    ...defaulted('hostname', was.hostname, now.hostname, 'assigned by the engine'),
    ...defaulted('domainname', was.domainname, now.domainname, 'assigned by the engine'),
    ...valueChange('stop timeout', was.stopTimeout, now.stopTimeout),
    ...valueChange('tty', was.tty, now.tty),
    ...valueChange('open stdin', was.openStdin, now.openStdin),
    ...valueChange('stdin once', was.stdinOnce, now.stdinOnce),
    ...listChanges('exposed ports', was.exposedPorts, now.exposedPorts, 'left to the new image'),
  ];
}

// An undefined spec field means the engine picks; an empty current value was its pick too.
function defaulted(name: string, before: unknown, after: unknown, fallback: string): string[] {
  if (after !== undefined) return valueChange(name, before, after);
  if (before === undefined || before === '') return [];
  return [`${name}: ${show(before)} → ${fallback}`];
}

function labelMap(labels: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(labels));
}
