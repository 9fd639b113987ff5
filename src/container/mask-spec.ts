import type { ContainerSpec } from './container-spec.js';

const secretKeyPattern = /PASS|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|AUTH/i;
// scheme://user:password@host: the credentials of a URL held in an innocently named variable.
const urlCredentialsPattern = /^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i;

export const maskedValue = '***';

export function isSecretKey(key: string): boolean {
  return secretKeyPattern.test(key);
}

/** A value as it may be shown: hidden entirely under a secret key, else without URL credentials. */
export function maskValue(key: string, value: string): string {
  if (isSecretKey(key)) return maskedValue;
  return value.replace(urlCredentialsPattern, `$1${maskedValue}@`);
}

/** The spec as it may be logged or shown in a plan. */
export function maskSpec(spec: ContainerSpec): ContainerSpec {
  const env = spec.config.env.map((entry) => {
    const equals = entry.indexOf('=');
    if (equals === -1) return entry;
    const key = entry.slice(0, equals);
    return `${key}=${maskValue(key, entry.slice(equals + 1))}`;
  });
  const labels = Object.fromEntries(
    Object.entries(spec.config.labels).map(([key, value]) => [key, maskValue(key, value)]),
  );
  return { ...spec, config: { ...spec.config, env, labels } };
}
