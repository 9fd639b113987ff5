import type { ErrorCode } from './failure-codes.js';

export interface UpdaterErrorOptions {
  cause?: unknown;
  /** HTTP status when this error reaches the API; the middleware picks one by code otherwise. */
  status?: number;
}

/**
 * The one error type the project throws on purpose. Its message is safe to show to a user
 * (it never carries secrets); anything that is not an UpdaterError is reported as a generic 500.
 */
export class UpdaterError extends Error {
  override readonly name = 'UpdaterError';
  readonly code: ErrorCode;
  readonly status: number | undefined;

  constructor(code: ErrorCode, message: string, options: UpdaterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

export function isUpdaterError(error: unknown): error is UpdaterError {
  return error instanceof UpdaterError;
}

/** A message for logs from anything thrown, without assuming it is an Error. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
