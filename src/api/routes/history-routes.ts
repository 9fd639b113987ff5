import Router from '@koa/router';
import type { ApiDeps } from '../api-deps.js';
import { parseHistoryQuery } from '../request-schemas.js';
import { historyEventToJson } from '../serialize.js';

export function historyRoutes(deps: ApiDeps): Router {
  const router = new Router();
  router.get('/history', async (ctx) => {
    const events = await deps.history.query(parseHistoryQuery(ctx.query));
    ctx.body = { logs: events.map(historyEventToJson) };
  });
  return router;
}
