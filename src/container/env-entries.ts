/** `KEY=value` entries as Docker keeps them; an entry without `=` has an empty value. */
export function envKey(entry: string): string {
  const equals = entry.indexOf('=');
  return equals === -1 ? entry : entry.slice(0, equals);
}

export function envValue(entry: string): string {
  const equals = entry.indexOf('=');
  return equals === -1 ? '' : entry.slice(equals + 1);
}

export function envMap(entries: readonly string[]): Map<string, string> {
  return new Map(entries.map((entry) => [envKey(entry), envValue(entry)]));
}

/** The overlay's values win key by key; replaced keys keep their place, new ones are appended. */
export function overlayEnv(
  entries: readonly string[],
  overlay: Readonly<Record<string, string>> | undefined,
): string[] {
  if (overlay === undefined) return [...entries];

  const pending = new Map(Object.entries(overlay));
  const merged = entries.map((entry) => {
    const key = envKey(entry);
    const value = pending.get(key);
    if (value === undefined) return entry;
    pending.delete(key);
    return `${key}=${value}`;
  });
  return [...merged, ...[...pending].map(([key, value]) => `${key}=${value}`)];
}
