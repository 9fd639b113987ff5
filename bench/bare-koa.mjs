// The floor for GET /upgrade/status: koa alone answering the updater's own body on one route.
// It runs with `node` in the updater's image (mounted at /app/bench-bare-koa.mjs, so that koa
// resolves from /app/node_modules), which keeps node, koa and NODE_ENV the same as the updater.
import process from 'node:process';
import Koa from 'koa';

const body = JSON.parse(process.env.BARE_BODY ?? '{}');
const app = new Koa();
app.use((ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/upgrade/status') ctx.body = body;
});
app.listen(Number(process.env.UPDATER_PORT), process.env.UPDATER_BIND ?? '127.0.0.1');
