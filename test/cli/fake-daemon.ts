import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * Stands in for the daemon at unit level: it records what the CLI sends and answers with canned
 * bodies. End-to-end CLI tests against the real daemon are added separately.
 */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface CannedAnswer {
  status?: number;
  json?: unknown;
  text?: string;
}

export type Route = CannedAnswer | ((response: ServerResponse) => void | Promise<void>);

export interface FakeDaemon {
  url: string;
  requests: RecordedRequest[];
  /** Keyed by `METHOD /path` without the query string. */
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export async function startFakeDaemon(routes: Record<string, Route> = {}): Promise<FakeDaemon> {
  const requests: RecordedRequest[] = [];
  const table = new Map(Object.entries(routes));
  const server = createServer((request, response) => {
    void record(request).then(async (recorded) => {
      requests.push(recorded);
      await answer(table.get(routeKey(recorded)), response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes: table,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function routeKey(request: RecordedRequest): string {
  return `${request.method} ${request.url.split('?')[0] ?? ''}`;
}

async function record(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return {
    method: request.method ?? '',
    url: request.url ?? '',
    headers: request.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

async function answer(route: Route | undefined, response: ServerResponse): Promise<void> {
  if (typeof route === 'function') return route(response);
  const canned = route ?? { status: 404, json: { error: 'Not found', code: 'NOT_FOUND' } };
  response.statusCode = canned.status ?? 200;
  if (canned.text !== undefined) {
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end(canned.text);
    return;
  }
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(canned.json ?? {}));
}

/** A port that was free a moment ago and now has nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
