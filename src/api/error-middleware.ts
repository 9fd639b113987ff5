import type { Middleware } from 'koa';
import type { ErrorCode } from '../shared/failure-codes.js';
import type { Logger } from '../shared/logger.js';
import { isUpdaterError } from '../shared/updater-error.js';
import { httpStatusFor } from './http-status.js';

/**
 * The one place errors become responses: UpdaterErrors (body-parser errors are mapped to them
 * in body-errors.ts) with their code and safe message; anything else as a generic 500, logged
 * once here.
 */
export function handleErrors(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        respond(ctx, 404, 'NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (error) {
      const known = classify(error);
      if (known === undefined) {
        logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
        respond(ctx, 500, 'INTERNAL_ERROR', 'Internal error; see the updater log');
        return;
      }
      respond(ctx, known.status, known.code, known.message);
    }
  };
}

interface Classified {
  status: number;
  code: ErrorCode;
  message: string;
}

function classify(error: unknown): Classified | undefined {
  if (!isUpdaterError(error)) return undefined;
  return {
    status: error.status ?? httpStatusFor(error.code),
    code: error.code,
    message: error.message,
  };
}

function respond(
  ctx: { status: number; body: unknown },
  status: number,
  code: ErrorCode,
  message: string,
): void {
  ctx.status = status;
  ctx.body = { error: message, code };
}
