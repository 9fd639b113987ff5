/** Daemon answers in the snake_case shapes of SPEC §4, as the API serializes them. */

export const allowedPlan = {
  allowed: true,
  mode: 'DASHBOARD',
  requested_target: 'latest',
  resolved_target: '1.7.0',
  image: 'payramapp/payram:1.7.0',
  container: 'payram',
  current_version: '1.6.2',
  current_version_source: 'core',
  execution_mode: 'execute',
  breakpoints_in_the_way: [],
  highest_dashboard_target: '1.7.0',
  warnings: [],
  steps: ['Pull payramapp/payram:1.7.0 before touching anything', 'Back up the database'],
  error_code: null,
  error_message: null,
};

export const refusalMessage =
  'Dashboard upgrades to 1.5.0 are not allowed: Breaking database schema changes. ' +
  'See: https://docs.example.com/migration-guide';

export const refusedPlan = {
  ...allowedPlan,
  allowed: false,
  requested_target: '1.5.0',
  resolved_target: '1.5.0',
  image: 'payramapp/payram:1.5.0',
  current_version: '1.4.0',
  breakpoints_in_the_way: [
    {
      version: '1.5.0',
      reason: 'Breaking database schema changes',
      docs: 'https://docs.example.com/migration-guide',
    },
  ],
  highest_dashboard_target: '1.4.9',
  steps: [],
  error_code: 'MANUAL_UPGRADE_REQUIRED',
  error_message: refusalMessage,
};

export const refusedPlanAnswer = {
  error: refusalMessage,
  code: 'MANUAL_UPGRADE_REQUIRED',
  plan: refusedPlan,
};

export const idleStatus = {
  job_id: '',
  state: 'IDLE',
  mode: '',
  execution_mode: '',
  requested_target: '',
  resolved_target: '',
  current_version: '',
  error_code: '',
  error_message: '',
  message: 'No upgrade job has run yet',
  backup_path: '',
  downtime_ms: null,
  created_at: '',
  updated_at: '',
};

export const failedJob = {
  job_id: 'job-1769524252000-a1b2c3',
  state: 'FAILED',
  mode: 'MANUAL',
  execution_mode: 'execute',
  requested_target: '1.7.0',
  resolved_target: '1.7.0',
  current_version: '1.6.2',
  error_code: 'HEALTHCHECK_FAILED',
  error_message: 'The new container did not become healthy within 120 s; payram was put back',
  message: 'Upgrade failed and was rolled back',
  backup_path: '/var/lib/payram/backups/payram-backup-20260127-143052-1.6.2-to-1.7.0.dump',
  downtime_ms: 4200,
  created_at: '2026-01-27T14:30:52.000Z',
  updated_at: '2026-01-27T14:33:10.000Z',
  recovery_playbook: {
    code: 'HEALTHCHECK_FAILED',
    severity: 'MANUAL_REQUIRED',
    data_risk: 'POSSIBLE',
    title: 'The new version did not become healthy',
    user_message: 'The previous container is running again. Check the new version before retrying.',
    ssh_steps: ['docker logs --tail 200 payram', 'curl -s http://127.0.0.1:8080/api/v1/health'],
    docs_url: 'https://docs.example.com/recovery/healthcheck',
  },
};
