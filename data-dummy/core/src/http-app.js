import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { URL } from 'node:url';

const rootPage = (version) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Payram</title></head>
  <body><h1>Welcome to Payram Core</h1><p>Version ${version}</p></body>
</html>
`;

/**
 * The core's HTTP surface. `legacy` cores predate the updater API: only the root page exists.
 * `core` supplies settings, `databaseIsUp()` and `migrationStatus()`.
 */
export function createCoreServer(core) {
  const routes = buildRoutes(core);
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://core').pathname;
    const route = routes.get(path);
    if (route === undefined) return send(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, { error: 'method not allowed' });
    }
    route().then(
      ([status, body]) => send(res, status, body),
      (err) => send(res, 500, { error: err instanceof Error ? err.message : 'internal error' }),
    );
  });
}

function buildRoutes({ settings, databaseIsUp, migrationStatus }) {
  const routes = new Map([['/', async () => [200, rootPage(settings.version)]]]);
  if (settings.behaviours.has('legacy')) return routes;

  routes.set('/api/v1/health', async () => {
    const db = (await databaseIsUp()) ? 'ok' : 'down';
    const healthy = db === 'ok' && !settings.behaviours.has('unhealthy');
    return healthy ? [200, { status: 'ok', db }] : [503, { status: 'error', db }];
  });
  routes.set('/api/v1/version', async () => [200, { version: settings.reportedVersion }]);
  routes.set('/admin/migrations/status', async () => [200, await migrationStatus()]);
  return routes;
}

function send(res, status, body) {
  const html = typeof body === 'string';
  const text = html ? body : `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': html ? 'text/html; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
