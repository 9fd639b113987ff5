import { UpdaterError } from '../shared/updater-error.js';

/**
 * Turns the body parser's errors (co-body and raw-body underneath koa-body) into our codes.
 * raw-body sets a `type` for transport problems; a parse failure carries only status 400.
 */
export function toBodyError(error: Error): UpdaterError {
  const { status, type } = error as Error & { status?: number; type?: string };
  if (status === 413)
    return new UpdaterError('BODY_TOO_LARGE', 'Request body too large', { cause: error });
  if (status === 415) {
    return new UpdaterError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', {
      cause: error,
    });
  }
  if (status === 400 && (type === undefined || type === 'entity.parse.failed')) {
    return new UpdaterError(
      'INVALID_JSON',
      'Request body is not valid JSON (an object is expected)',
      {
        cause: error,
      },
    );
  }
  return new UpdaterError('INVALID_REQUEST', 'Malformed request body', {
    cause: error,
    status: status ?? 400,
  });
}
