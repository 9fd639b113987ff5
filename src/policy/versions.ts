import semver from 'semver';

import { UpdaterError } from '../shared/updater-error.js';

// Docker's reference grammar for a tag; anything else could smuggle a path or a second argument.
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function isValidTag(tag: string): boolean {
  return tagPattern.test(tag);
}

/** The normalized `x.y.z[-pre]` of a strict semver, or undefined. Build metadata is dropped. */
export function parseVersion(v: string): string | undefined {
  const rest = v.startsWith('v') || v.startsWith('V') ? v.slice(1) : v;

  // semver itself trims whitespace and accepts a second `v`; a published version may do neither.
  if (!/^[0-9]/.test(rest) || rest !== rest.trim()) return undefined;

  return semver.parse(rest)?.version;
}

export function compareVersions(a: string, b: string): number {
  return semver.compare(requireVersion(a), requireVersion(b));
}

/** The highest semver entry exactly as it was written (its spelling is the published tag). */
export function highestVersion(vs: readonly string[]): string | undefined {
  let best: { raw: string; version: string } | undefined;
  for (const raw of vs) {
    const version = parseVersion(raw);
    if (version === undefined) continue;
    if (best === undefined || semver.gt(version, best.version)) best = { raw, version };
  }
  return best?.raw;
}

function requireVersion(v: string): string {
  const version = parseVersion(v);
  if (version === undefined) {
    throw new UpdaterError('INTERNAL_ERROR', `"${v}" is not a semver version`);
  }
  return version;
}
