import type { RestartPolicy } from './container-snapshot.js';

const policyPattern = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/;

/** `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:N`; undefined otherwise. */
export function parseRestartPolicy(text: string): RestartPolicy | undefined {
  const match = policyPattern.exec(text);
  if (match === null) return undefined;

  const [, name = '', count] = match;
  if (count !== undefined && name !== 'on-failure') return undefined;
  return { name, maximumRetryCount: count === undefined ? 0 : Number(count) };
}

export function formatRestartPolicy(policy: RestartPolicy): string {
  return policy.name === 'on-failure' && policy.maximumRetryCount > 0
    ? `on-failure:${policy.maximumRetryCount}`
    : policy.name;
}
