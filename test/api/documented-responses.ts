import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { apiChecker } from '../support/openapi-check.js';

export interface ResponseWatch {
  /** Every way a response sent so far differs from the OpenAPI document. */
  readonly violations: readonly string[];
  /** Throws with all of them, if any. */
  assertDocumented(): void;
}

/**
 * Checks every response `server` sends, as bytes on the wire, against the OpenAPI document,
 * whoever made the request: a test that adds a request is covered without doing anything.
 */
export function watchResponses(server: Server, checker = apiChecker()): ResponseWatch {
  const violations: string[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const body = captureBody(res);
    res.on('finish', () => {
      const header = res.getHeader('content-type');
      const contentType = typeof header === 'string' ? header : undefined;
      const exchange = {
        method: req.method ?? '',
        path: req.url ?? '',
        status: res.statusCode,
        contentType,
        body: decode(body(), contentType ?? ''),
      };
      // Thrown here, an error would crash the test run rather than fail the test.
      try {
        const violation = checker.violation(exchange);
        if (violation !== undefined) violations.push(violation);
      } catch (error) {
        violations.push(`${exchange.method} ${exchange.path}: ${String(error)}`);
      }
    });
  });
  return {
    violations,
    assertDocumented() {
      if (violations.length === 0) return;
      const count = `${violations.length} response(s) do not match the OpenAPI document`;
      throw new Error(`${count}:\n\n${violations.join('\n\n')}`);
    },
  };
}

type Chunk = string | Uint8Array;

/** Wraps write and end to keep a copy of what is sent; returns what was kept so far. */
function captureBody(res: ServerResponse): () => Buffer {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') {
      chunks.push(
        Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    } else if (chunk instanceof Uint8Array) {
      chunks.push(Buffer.from(chunk));
    }
  };
  const write = res.write.bind(res) as (chunk: Chunk, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return end(...args);
  }) as ServerResponse['end'];
  return () => Buffer.concat(chunks);
}

function decode(bytes: Buffer, contentType: string): unknown {
  const text = bytes.toString('utf8');
  if (!/^application\/json\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
