import {
  DaemonError,
  connectionLost,
  daemonErrorFromAnswer,
  notReachable,
  parseJsonOrUndefined,
} from './daemon-errors.js';

export interface DaemonClientOptions {
  baseUrl: string;
  token: string | undefined;
  fetch: typeof fetch;
  /** Bounds connecting and, except for streams, reading the whole answer. */
  timeoutMs: number;
}

export interface DaemonClient {
  readonly baseUrl: string;
  getJson(path: string): Promise<unknown>;
  postJson(path: string, body: unknown): Promise<unknown>;
  getText(path: string): Promise<string>;
  /** Calls `onText` for each chunk until the daemon ends the answer. */
  streamText(path: string, onText: (text: string) => void): Promise<void>;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  accept: string;
  body?: unknown;
}

interface Answer {
  status: number;
  text: string;
}

const json = 'application/json';

export function createDaemonClient(options: DaemonClientOptions): DaemonClient {
  return {
    baseUrl: options.baseUrl,
    getJson: async (path) =>
      parseAnswer(await exchange(options, { method: 'GET', path, accept: json })),
    postJson: async (path, body) =>
      parseAnswer(await exchange(options, { method: 'POST', path, accept: json, body })),
    getText: async (path) =>
      (await exchange(options, { method: 'GET', path, accept: 'text/plain' })).text,
    streamText: (path, onText) => stream(options, path, onText),
  };
}

async function exchange(options: DaemonClientOptions, call: Call): Promise<Answer> {
  return withDeadline(options, async (signal) => {
    const response = await send(options, call, signal);
    const text = await readBody(options, signal, () => response.text());
    if (!response.ok) throw daemonErrorFromAnswer(response.status, text);
    return { status: response.status, text };
  });
}

async function stream(
  options: DaemonClientOptions,
  path: string,
  onText: (text: string) => void,
): Promise<void> {
  const call: Call = { method: 'GET', path, accept: 'text/plain' };
  const body = await withDeadline(options, async (signal) => {
    const response = await send(options, call, signal);
    if (response.ok) return response.body;
    const text = await readBody(options, signal, () => response.text());
    throw daemonErrorFromAnswer(response.status, text);
  });
  if (body === null) return;

  const decoder = new TextDecoder();
  const chunks: AsyncIterable<Uint8Array> = body;
  await readBody(options, undefined, async () => {
    for await (const chunk of chunks) onText(decoder.decode(chunk, { stream: true }));
  });
  const rest = decoder.decode();
  if (rest !== '') onText(rest);
}

async function send(options: DaemonClientOptions, call: Call, signal: AbortSignal) {
  const headers: Record<string, string> = { accept: call.accept };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (call.body !== undefined) headers['content-type'] = json;
  const body = call.body === undefined ? null : JSON.stringify(call.body);
  try {
    const url = `${options.baseUrl}${call.path}`;
    return await options.fetch(url, { method: call.method, headers, body, signal });
  } catch (error) {
    throw notReachable(options.baseUrl, failureDetail(error, signal, options.timeoutMs));
  }
}

async function withDeadline<T>(
  options: DaemonClientOptions,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, options.timeoutMs);
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function readBody<T>(
  options: DaemonClientOptions,
  signal: AbortSignal | undefined,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw connectionLost(options.baseUrl, failureDetail(error, signal, options.timeoutMs));
  }
}

/**
 * Only the cause is shown, never the error itself: fetch's own messages may quote the request,
 * and the request carries the token.
 */
function failureDetail(error: unknown, signal: AbortSignal | undefined, timeoutMs: number) {
  if (signal?.aborted === true) return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error && error.name !== 'TypeError' ? error.message : 'connection failed';
}

function parseAnswer(answer: Answer): unknown {
  const body = parseJsonOrUndefined(answer.text);
  if (body !== undefined) return body;
  throw new DaemonError(
    answer.status,
    'UNEXPECTED_RESPONSE',
    'The daemon answered with something that is not JSON',
    undefined,
  );
}
