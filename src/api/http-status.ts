import type { ErrorCode } from '../shared/failure-codes.js';

const byCode: Partial<Record<ErrorCode, number>> = {
  INVALID_JSON: 400,
  INVALID_REQUEST: 400,
  INVALID_MODE: 400,
  INVALID_TARGET: 400,
  INVALID_QUERY: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_SOURCE: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFIRMATION_REQUIRED: 400,
  INVALID_BACKUP_PATH: 400,
  BACKUP_NOT_FOUND: 404,
  BACKUP_CHECKSUM_MISMATCH: 422,
  RECOVERY_REFUSED: 422,
  NOTHING_TO_RECOVER: 409,
  CONCURRENCY_BLOCKED: 409,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // Refused by policy or by what was observed: the request was understood and declined.
  MANUAL_UPGRADE_REQUIRED: 422,
  TARGET_NOT_RELEASED: 422,
  TARGET_ABOVE_DASHBOARD_MAX: 422,
  DOWNGRADE_NOT_ALLOWED: 422,
  ALREADY_ON_TARGET: 422,
  CURRENT_VERSION_UNKNOWN: 422,
  CONTAINER_NOT_FOUND: 422,
  // The documents the updater depends on could not be had: an upstream failure.
  POLICY_FETCH_FAILED: 502,
  POLICY_INVALID_JSON: 502,
  MANIFEST_FETCH_FAILED: 502,
  MANIFEST_INVALID_JSON: 502,
};

export function httpStatusFor(code: ErrorCode): number {
  return byCode[code] ?? 500;
}
