import Router from '@koa/router';
import type { ApiDeps } from '../api-deps.js';
import { inspectionToJson } from '../inspect-json.js';

/** Read-only diagnostics: always 200, whatever state the installation is in. */
export function inspectRoute(deps: ApiDeps): Router {
  const router = new Router();
  router.get('/upgrade/inspect', async (ctx) => {
    ctx.body = inspectionToJson(await deps.inspector.inspect(), deps.updaterUrl);
  });
  return router;
}
