/**
 * Codes a job can end FAILED with. Recovery playbooks are keyed by these, so a code is never
 * renamed once shipped; add a new one where a failure needs its own advice.
 */
export const failureCodes = [
  'POLICY_FETCH_FAILED',
  'POLICY_INVALID_JSON',
  'MANIFEST_FETCH_FAILED',
  'MANIFEST_INVALID_JSON',
  'MANUAL_UPGRADE_REQUIRED',
  'TARGET_NOT_RELEASED',
  'TARGET_ABOVE_DASHBOARD_MAX',
  'DOWNGRADE_NOT_ALLOWED',
  'ALREADY_ON_TARGET',
  'CURRENT_VERSION_UNKNOWN',
  'CONTAINER_NOT_FOUND',
  'CONCURRENCY_BLOCKED',
  'DOCKER_ERROR',
  'DOCKER_PULL_FAILED',
  'DISK_SPACE_LOW',
  'BACKUP_FAILED',
  'BACKUP_TIMEOUT',
  'INVALID_DB_CONFIG',
  'HEALTHCHECK_FAILED',
  'VERSION_MISMATCH',
  'MIGRATION_FAILED',
  'ROLLBACK_FAILED',
  'UPDATER_INTERRUPTED',
  'INTERNAL_ERROR',
] as const;

export type FailureCode = (typeof failureCodes)[number];

/** Codes for requests (and configuration) refused before any job exists. */
export const requestErrorCodes = [
  'INVALID_CONFIG',
  'INVALID_JSON',
  'INVALID_REQUEST',
  'INVALID_MODE',
  'INVALID_TARGET',
  'INVALID_QUERY',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHORIZED',
  'FORBIDDEN_SOURCE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFIRMATION_REQUIRED',
  'INVALID_BACKUP_PATH',
  'BACKUP_NOT_FOUND',
  'BACKUP_CHECKSUM_MISMATCH',
  'RESTORE_FAILED',
  'NOTHING_TO_RECOVER',
  'RECOVERY_REFUSED',
] as const;

export type RequestErrorCode = (typeof requestErrorCodes)[number];

export type ErrorCode = FailureCode | RequestErrorCode;

export function isFailureCode(value: string): value is FailureCode {
  return (failureCodes as readonly string[]).includes(value);
}
