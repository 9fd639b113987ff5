import { describeError } from '../shared/updater-error.js';
import { type DocumentKind, fetchFailed } from './document-kind.js';
import { ReadFailure } from './read-failure.js';
import { readFileLimited } from './read-file.js';
import { readHttp } from './read-http.js';
import { locateSource, redactSource, type SourceLocation } from './source-location.js';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Where relative paths resolve; without it, the process's working directory. */
  baseDir?: string;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  /** The source as messages may show it. */
  where: string;
}

/** Throws the kind's *_FETCH_FAILED UpdaterError, naming the source without credentials. */
export async function fetchDocument(
  kind: DocumentKind,
  source: string,
  options: FetchOptions,
): Promise<FetchedDocument> {
  const location = locate(kind, source, options.baseDir);
  const where = location.kind === 'file' ? location.path : redactSource(source);
  try {
    return { bytes: await read(location, options), where };
  } catch (error) {
    if (error instanceof ReadFailure) throw fetchFailed(kind, where, error.message, error.cause);
    throw error;
  }
}

function locate(kind: DocumentKind, source: string, baseDir?: string): SourceLocation {
  if (source.trim() === '') throw fetchFailed(kind, '(empty source)', 'no source configured');
  try {
    return locateSource(source, baseDir);
  } catch (error) {
    // Node's URL errors keep the raw input, credentials included, so the error stays behind.
    throw fetchFailed(kind, redactSource(source), `not a valid URL (${describeError(error)})`);
  }
}

const supportedSources = 'use an http(s) URL, a file:// URL or a file path';

function read(location: SourceLocation, options: FetchOptions): Promise<Uint8Array> {
  switch (location.kind) {
    case 'http':
      return readHttp(location.url, options);
    case 'file':
      return readFileLimited(location.path, options.maxBytes);
    case 'unsupported':
      throw new ReadFailure(`unsupported source (${location.scheme}:); ${supportedSources}`);
  }
}
