import { isDeepStrictEqual } from 'node:util';

import type { ContainerConfig, Healthcheck, ImageSnapshot } from './container-snapshot.js';
import type { ContainerSpec } from './container-spec.js';
import { envKey, envMap, envValue } from './env-entries.js';
import { changedDefaultNote, composeLabelsNote } from './derive-notes.js';

// The engine copies the image's env, labels and defaults into the container at create time, so
// inspect cannot tell them from the user's; what equals the old image is taken as its default.

const ociLabelPrefix = 'org.opencontainers.image.';
const composeLabelPrefix = 'com.docker.compose.';

type ProcessFields = Pick<
  ContainerSpec['config'],
  'cmd' | 'entrypoint' | 'workingDir' | 'user' | 'stopSignal' | 'healthcheck'
>;

export function userEnv(
  env: readonly string[],
  oldImage: ImageSnapshot | undefined,
  newImage: ImageSnapshot,
  notes: string[],
): string[] {
  if (oldImage === undefined) return [...env];

  const oldDefaults = new Set(oldImage.config.env);
  const newDefaults = envMap(newImage.config.env);
  for (const entry of env.filter((e) => oldDefaults.has(e))) {
    const key = envKey(entry);
    const next = newDefaults.get(key);
    const previous = envValue(entry);
    if (next !== previous) notes.push(changedDefaultNote('env', key, previous, next));
  }
  return env.filter((entry) => !oldDefaults.has(entry));
}

export function userLabels(
  labels: Readonly<Record<string, string>>,
  oldImage: ImageSnapshot | undefined,
  newImage: ImageSnapshot,
  notes: string[],
): Record<string, string> {
  const entries = Object.entries(labels);
  if (entries.some(([key]) => key.startsWith(composeLabelPrefix))) notes.push(composeLabelsNote);

  const newDefaults = newImage.config.labels;
  if (oldImage === undefined) {
    // A stale image version label would make the new container report the old version.
    return Object.fromEntries(
      entries.filter(
        ([key]) => !(key.startsWith(ociLabelPrefix) && Object.hasOwn(newDefaults, key)),
      ),
    );
  }

  const oldDefaults = oldImage.config.labels;
  const kept = entries.filter(([key, value]) => {
    if (own(oldDefaults, key) !== value) return true;
    const next = own(newDefaults, key);
    if (!key.startsWith(ociLabelPrefix) && next !== undefined && next !== value) {
      notes.push(changedDefaultNote('label', key, value, next));
    }
    return false;
  });
  return Object.fromEntries(kept);
}

function own(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/** Blank where the container still has the old image's value, so the new image's applies. */
export function userProcessFields(
  config: ContainerConfig,
  oldImage: ImageSnapshot | undefined,
): ProcessFields {
  const old = oldImage?.config;
  const pick = <T>(value: T, image: T): T | undefined =>
    old !== undefined && isDeepStrictEqual(value, image) ? undefined : value;

  const entrypoint = pick(config.entrypoint, old?.entrypoint);
  return {
    // The engine ignores the image's cmd once an entrypoint is given, so a kept entrypoint
    // keeps its cmd even where that equals the old image's.
    cmd: entrypoint === undefined ? pick(config.cmd, old?.cmd) : config.cmd,
    entrypoint,
    workingDir: pick(config.workingDir, old?.workingDir) || undefined,
    user: pick(config.user, old?.user) || undefined,
    stopSignal: pick(config.stopSignal, old?.stopSignal),
    healthcheck:
      old === undefined ? config.healthcheck : userHealthcheck(config.healthcheck, old.healthcheck),
  };
}

// The engine fills each unset healthcheck field from the image: compare field by field, and
// leave an unchanged test empty so the new image's test is inherited.
function userHealthcheck(
  current: Healthcheck | undefined,
  old: Healthcheck | undefined,
): Healthcheck | undefined {
  if (current === undefined || old === undefined) return current;
  if (isDeepStrictEqual(current, old)) return undefined;

  const differs = (key: keyof Healthcheck): boolean =>
    current[key] !== undefined && !isDeepStrictEqual(current[key], old[key]);
  return {
    test: differs('test') ? current.test : [],
    ...(differs('intervalNs') ? { intervalNs: current.intervalNs } : {}),
    ...(differs('timeoutNs') ? { timeoutNs: current.timeoutNs } : {}),
    ...(differs('retries') ? { retries: current.retries } : {}),
    ...(differs('startPeriodNs') ? { startPeriodNs: current.startPeriodNs } : {}),
  };
}
