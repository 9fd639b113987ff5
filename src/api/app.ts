import Koa from 'koa';
import Router from '@koa/router';
import { UpdaterError } from '../shared/updater-error.js';
import { requireToken, restrictSources } from './access-control.js';
import type { ApiDeps } from './api-deps.js';
import { toBodyError } from './body-errors.js';
import { handleErrors } from './error-middleware.js';
import { openApiDocument } from './openapi/document.js';
import { backupRoutes } from './routes/backup-routes.js';
import { historyRoutes } from './routes/history-routes.js';
import { inspectRoute } from './routes/inspect-route.js';
import { upgradeRoutes } from './routes/upgrade-routes.js';

export function createApp(deps: ApiDeps): Koa {
  const app = new Koa();
  app.silent = true;
  app.use(handleErrors(deps.logger));
  app.use(restrictSources(deps.allowedSources));
  app.use(requireToken(deps.apiToken));
  app.use(requireJsonBody);
  app.use(parseJsonBodies(deps.bodyLimitBytes));

  const service = new Router();
  service.get('/health', (ctx) => {
    ctx.body = { status: 'healthy' };
  });
  // Read-only like /health: no token, but the same source restriction as every route.
  service.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });
  for (const router of [
    service,
    upgradeRoutes(deps),
    inspectRoute(deps),
    historyRoutes(deps),
    backupRoutes(deps),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true, methodNotAllowed: methodNotAllowed }));
  }
  return app;
}

function methodNotAllowed(): Error {
  return new UpdaterError('METHOD_NOT_ALLOWED', 'Method not allowed on this path', { status: 405 });
}

/** A body the parser would silently skip must not reach a handler as `{}`. */
const requireJsonBody: Koa.Middleware = async (ctx, next) => {
  const hasBody = () => ctx.request.length > 0 || ctx.get('transfer-encoding') !== '';
  if (ctx.method === 'POST' && hasBody() && ctx.request.is('application/json') === false) {
    throw new UpdaterError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  await next();
};

/**
 * Only POST requests carry bodies. koa-body (with the schema and multipart libraries it loads)
 * costs about 12 MB of resident memory, so it is loaded on the first POST, not at start: an
 * updater mostly answers status polls.
 */
function parseJsonBodies(limitBytes: number): Koa.Middleware {
  let parser: Promise<Koa.Middleware> | undefined;
  return async (ctx, next) => {
    if (ctx.method !== 'POST') {
      await next();
      return;
    }
    parser ??= import('koa-body').then(({ koaBody }) =>
      koaBody({
        json: true,
        jsonStrict: true,
        jsonLimit: limitBytes,
        urlencoded: false,
        text: false,
        multipart: false,
        onError: (error) => {
          throw toBodyError(error);
        },
      }),
    );
    const parse = await parser;
    await parse(ctx, next);
  };
}
