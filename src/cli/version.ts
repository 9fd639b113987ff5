import { readFileSync } from 'node:fs';

const packageName = 'payram-updater';

/**
 * Walks up from this file to our package.json: two levels from the sources, three from the
 * build in dist/, so neither layout is assumed.
 */
export function readOwnVersion(from: URL = new URL('.', import.meta.url)): string {
  for (let up = 0; up < 5; up++) {
    const candidate = new URL(`${'../'.repeat(up)}package.json`, from);
    const manifest = readManifest(candidate);
    if (manifest?.name === packageName && typeof manifest.version === 'string') {
      return manifest.version;
    }
  }
  return 'unknown';
}

function readManifest(url: URL): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}
