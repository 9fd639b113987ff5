import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Job } from '../../jobs/job.js';
import { UpdaterError } from '../../shared/updater-error.js';
import type { ApiDeps } from '../api-deps.js';
import { httpStatusFor } from '../http-status.js';
import { playbookFor, playbookToJson } from '../playbook-json.js';
import { parseUpgradeRequest } from '../request-schemas.js';
import { idleStatus, jobToJson, planToJson } from '../serialize.js';

export function upgradeRoutes(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/upgrade' });
  const start = (ctx: Context) => startJob(ctx, deps);

  router.get('/status', async (ctx) => {
    const job = await deps.upgrades.current();
    ctx.body = job === undefined ? idleStatus : withPlaybook(job, deps);
  });
  router.get('/last', async (ctx) => {
    const job = await deps.upgrades.lastFinished();
    if (job === undefined) throw new UpdaterError('NOT_FOUND', 'No upgrade job has finished yet');
    ctx.body = withPlaybook(job, deps);
  });
  router.get('/playbook', async (ctx) => {
    const job = await deps.upgrades.lastFinished();
    const playbook = job === undefined ? undefined : playbookFor(job, deps.updaterUrl);
    ctx.body = { playbook: playbook === undefined ? null : playbookToJson(playbook) };
  });
  router.get('/logs', (ctx) => streamLogs(ctx, deps));
  router.post('/recover', async (ctx) => {
    const result = await deps.upgrades.recover();
    if (result.kind === 'retried') {
      const { job, message } = result;
      ctx.body = { action: 'retried', message, job_id: job.id, state: job.state };
      return;
    }
    const playbook = playbookFor(result.failed, deps.updaterUrl);
    ctx.status = 422;
    ctx.body = {
      error: `Automated recovery is refused for ${result.failed.errorCode ?? 'this failure'}: follow the manual steps`,
      code: 'RECOVERY_REFUSED',
      failure_code: result.failed.errorCode ?? '',
      manual_steps: playbook?.sshSteps ?? [],
      playbook: playbook === undefined ? null : playbookToJson(playbook),
    };
  });
  router.post('/', start);
  router.post('/run', start);
  router.post('/plan', async (ctx) => {
    const plan = await deps.upgrades.plan(parseUpgradeRequest(ctx.request.body));
    if (plan.allowed) {
      ctx.body = { plan: planToJson(plan) };
      return;
    }
    const code = plan.errorCode ?? 'INTERNAL_ERROR';
    ctx.status = httpStatusFor(code);
    ctx.body = { error: plan.errorMessage ?? 'Refused', code, plan: planToJson(plan) };
  });
  return router;
}

async function startJob(ctx: Context, deps: ApiDeps): Promise<void> {
  const job = await deps.upgrades.start(parseUpgradeRequest(ctx.request.body));
  if (job.state === 'FAILED') {
    // The job is recorded (status and history show it); the body is the failed job itself.
    const code = job.errorCode ?? 'INTERNAL_ERROR';
    ctx.status = httpStatusFor(code);
    ctx.body = { error: job.errorMessage ?? 'Failed', code, ...withPlaybook(job, deps) };
    return;
  }
  ctx.status = 201;
  ctx.body = {
    message: `Upgrade job created successfully. State: ${job.state}`,
    job_id: job.id,
    state: job.state,
  };
}

function withPlaybook(job: Job, deps: ApiDeps): Record<string, unknown> {
  const playbook = playbookFor(job, deps.updaterUrl);
  const json = jobToJson(job);
  return playbook === undefined ? json : { ...json, recovery_playbook: playbookToJson(playbook) };
}

async function streamLogs(ctx: Context, deps: ApiDeps): Promise<void> {
  const job = await deps.upgrades.current();
  ctx.type = 'text/plain; charset=utf-8';
  if (job === undefined) {
    ctx.body = '';
    return;
  }
  if (ctx.query.follow !== '1' && ctx.query.follow !== 'true') {
    ctx.body = await deps.log.read(job.id);
    return;
  }
  const abort = new AbortController();
  ctx.req.on('close', () => {
    abort.abort();
  });
  const lines = deps.log.follow(job.id, () => !deps.upgrades.isRunning(job.id), abort.signal);
  ctx.set('Cache-Control', 'no-cache');
  ctx.body = Readable.from(lines);
}
