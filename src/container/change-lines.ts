import { isDeepStrictEqual } from 'node:util';

/** `name: before → after`, or nothing when they are equal. */
export function valueChange(name: string, before: unknown, after: unknown): string[] {
  return isDeepStrictEqual(before, after) ? [] : [`${name}: ${show(before)} → ${show(after)}`];
}

/** Entries of `before` missing from `after`, then those `after` adds. */
export function listChanges(
  name: string,
  before: readonly string[],
  after: readonly string[],
  removed = 'removed',
): string[] {
  return [
    ...before.filter((item) => !after.includes(item)).map((item) => `${name}: ${item} ${removed}`),
    ...after.filter((item) => !before.includes(item)).map((item) => `${name}: ${item} added`),
  ];
}

export function show(value: unknown): string {
  if (value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
