import Router from '@koa/router';
import type { BackupRecord } from '../../jobs/ports.js';
import type { ApiDeps } from '../api-deps.js';
import { parseRestoreRequest } from '../request-schemas.js';

export function backupRoutes(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/backups' });
  router.get('/', async (ctx) => {
    const backups = await deps.backupOps.list();
    ctx.body = { success: true, count: backups.length, backups: backups.map(backupToJson) };
  });
  router.post('/', async (ctx) => {
    const backup = await deps.backupOps.create();
    ctx.status = 201;
    ctx.body = { success: true, backup: backupToJson(backup) };
  });
  router.post('/restore', async (ctx) => {
    const request = parseRestoreRequest(ctx.request.body);
    const restored = await deps.backupOps.restore(request.reference, request.confirm);
    ctx.body = {
      success: true,
      restored: backupToJson(restored),
      message: `Restored ${restored.filename} into ${restored.database}`,
    };
  });
  return router;
}

export function backupToJson(record: BackupRecord): Record<string, unknown> {
  return {
    id: record.id,
    path: record.path,
    filename: record.filename,
    size: record.size,
    sha256: record.sha256,
    created_at: record.createdAt,
    database: record.database,
    from_version: record.fromVersion,
    target_version: record.targetVersion,
    job_id: record.jobId,
    kind: record.kind,
  };
}
