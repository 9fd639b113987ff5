import type { Job } from '../jobs/job.js';
import type { HistoryEvent } from '../jobs/ports.js';
import type { UpgradePlan } from '../jobs/upgrade-plan.js';

/** The job as clients see it: snake_case, strings empty rather than missing (as the Go API did). */
export function jobToJson(job: Job): Record<string, unknown> {
  return {
    job_id: job.id,
    state: job.state,
    mode: job.mode,
    execution_mode: job.executionMode,
    requested_target: job.requestedTarget,
    resolved_target: job.resolvedTarget ?? '',
    current_version: job.currentVersion ?? '',
    container: job.container ?? '',
    image: job.image ?? '',
    error_code: job.errorCode ?? '',
    error_message: job.errorMessage ?? '',
    message: job.message,
    backup_path: job.backupPath ?? '',
    downtime_ms: job.downtimeMs ?? null,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    finished_at: job.finishedAt ?? '',
  };
}

export const idleStatus = {
  job_id: '',
  state: 'IDLE',
  mode: '',
  execution_mode: '',
  requested_target: '',
  resolved_target: '',
  current_version: '',
  container: '',
  image: '',
  error_code: '',
  error_message: '',
  message: 'No upgrade job has run yet',
  backup_path: '',
  downtime_ms: null,
  created_at: '',
  updated_at: '',
  finished_at: '',
} as const;

export function planToJson(plan: UpgradePlan): Record<string, unknown> {
  return {
    allowed: plan.allowed,
    mode: plan.mode,
    requested_target: plan.requestedTarget,
    resolved_target: plan.resolvedTarget ?? null,
    image: plan.image ?? null,
    container: plan.container ?? null,
    current_version: plan.currentVersion ?? null,
    current_version_source: plan.currentVersionSource ?? null,
    execution_mode: plan.executionMode,
    breakpoints_in_the_way: plan.breakpointsInTheWay.map((b) => ({ ...b })),
    highest_dashboard_target: plan.highestDashboardTarget ?? null,
    warnings: plan.warnings,
    steps: plan.steps,
    error_code: plan.errorCode ?? null,
    error_message: plan.errorMessage ?? null,
  };
}

export function historyEventToJson(event: HistoryEvent): Record<string, unknown> {
  return {
    timestamp: event.timestamp,
    type: event.type,
    status: event.status,
    job_id: event.jobId,
    message: event.message,
    mode: event.mode ?? null,
    from_version: event.fromVersion ?? null,
    to_version: event.toVersion ?? null,
    error_code: event.errorCode ?? null,
    downtime_ms: event.downtimeMs ?? null,
  };
}
