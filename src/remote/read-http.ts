import { ReadFailure } from './read-failure.js';
import { readLimited, tooLarge } from './read-limited.js';

export interface HttpReadOptions {
  timeoutMs: number;
  maxBytes: number;
}

/** The body of a 2xx answer, within maxBytes and timeoutMs (which covers the body too). */
export async function readHttp(url: URL, options: HttpReadOptions): Promise<Uint8Array> {
  try {
    const { request, headers } = splitCredentials(url);
    const response = await fetch(request, {
      headers,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    checkResponse(response, options.maxBytes);
    return await readLimited(response.body ?? [], options.maxBytes);
  } catch (error) {
    throw toReadFailure(error, options.timeoutMs);
  }
}

// fetch refuses URLs with userinfo, so the credentials travel as Basic auth instead.
function splitCredentials(url: URL): { request: URL; headers: Record<string, string> } {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (url.username === '' && url.password === '') return { request: url, headers };

  const userinfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  headers.authorization = `Basic ${Buffer.from(userinfo).toString('base64')}`;
  const request = new URL(url);
  request.username = '';
  request.password = '';
  return { request, headers };
}

function checkResponse(response: Response, maxBytes: number): void {
  if (!response.ok) {
    discardBody(response);
    throw new ReadFailure(`HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    discardBody(response);
    throw tooLarge(maxBytes);
  }
}

// Cancelling closes the connection; whether that succeeds no longer matters.
function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

function toReadFailure(error: unknown, timeoutMs: number): ReadFailure {
  if (error instanceof ReadFailure) return error;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new ReadFailure(`timed out after ${timeoutMs} ms`, error);
  }
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND…) in cause.
  const detail = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = detail instanceof Error ? detail.message : 'network error';
  return new ReadFailure(reason, error);
}
