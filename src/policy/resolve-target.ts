import semver from 'semver';

import type { Policy } from './types.js';
import { highestVersion, parseVersion } from './versions.js';

export const latestTarget = 'latest';

/**
 * The policy's `latest` when it is semver, else the highest release; spelled as the release list
 * publishes it, since that spelling is the image tag. Undefined when the policy names no release.
 */
export function resolveLatest(policy: Policy): string | undefined {
  const latest = policy.latest === undefined ? undefined : parseVersion(policy.latest);
  if (latest === undefined) return highestVersion(policy.releases);

  return publishedRelease(policy, latest) ?? policy.latest;
}

/** The release entry equal to `version` (any spelling), as published. */
export function publishedRelease(policy: Policy, version: string): string | undefined {
  const wanted = parseVersion(version);
  if (wanted === undefined) return undefined;

  return policy.releases.find((raw) => {
    const release = parseVersion(raw);
    return release !== undefined && semver.eq(release, wanted);
  });
}
