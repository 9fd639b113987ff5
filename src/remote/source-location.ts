import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type SourceLocation =
  | { kind: 'http'; url: URL }
  | { kind: 'file'; path: string }
  | { kind: 'unsupported'; scheme: string };

// Two letters at least, so that a Windows drive letter is never mistaken for a scheme.
const schemePattern = /^([a-z][a-z0-9+.-]+):/i;

function schemeOf(source: string): string | undefined {
  return schemePattern.exec(source)?.[1]?.toLowerCase();
}

/** Throws a TypeError when an http(s) or file URL does not parse. */
export function locateSource(source: string, baseDir?: string): SourceLocation {
  const scheme = schemeOf(source);
  if (scheme === undefined) {
    const absolute = baseDir === undefined ? path.resolve(source) : path.resolve(baseDir, source);
    return { kind: 'file', path: absolute };
  }
  if (scheme === 'http' || scheme === 'https') return { kind: 'http', url: new URL(source) };
  if (scheme === 'file') return { kind: 'file', path: fileURLToPath(source) };
  return { kind: 'unsupported', scheme };
}

/**
 * The source as messages may show it: userinfo masked, query and fragment dropped, since
 * either can carry a credential.
 */
export function redactSource(source: string): string {
  const scheme = schemeOf(source);
  if (scheme === undefined) return source;

  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return `${scheme}:(unparseable URL)`;
  }
  if (url.host === '' && url.protocol !== 'file:') return `${url.protocol}(opaque URL)`;

  const userinfo = url.username === '' && url.password === '' ? '' : '***@';
  return `${url.protocol}//${userinfo}${url.host}${url.pathname}`;
}
