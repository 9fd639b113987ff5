import { formatRows, printable, targetText } from './render.js';
import type { Job, Playbook } from './responses.js';

export function renderJob(job: Job): string[] {
  if (job.state === 'IDLE') return ['State: IDLE', 'No upgrade job has run yet.'];
  const failed = job.state === 'FAILED';
  const lines = formatRows([
    ['State', job.state],
    ['Job', job.job_id],
    ['Mode', job.mode],
    ['Target', targetText(job.requested_target, job.resolved_target)],
    ['Current version', job.current_version],
    ['Container', job.container],
    ['Image', job.image],
    ['Execution mode', job.execution_mode],
    ['Message', job.message],
    ['Backup', job.backup_path],
    ['Downtime', downtimeText(job.downtime_ms)],
    ['Created', job.created_at],
    ['Updated', job.updated_at],
    ['Error', failed ? errorText(job) : undefined],
  ]);
  const playbook = failed ? job.recovery_playbook : undefined;
  return playbook ? [...lines, '', ...renderPlaybook(playbook)] : lines;
}

function downtimeText(ms: number | null | undefined): string | undefined {
  if (ms === null || ms === undefined) return undefined;
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function errorText(job: Job): string {
  const code = job.error_code || 'UNKNOWN';
  return job.error_message ? `${code}: ${job.error_message}` : code;
}

export function renderPlaybook(playbook: Playbook): string[] {
  const risk = [
    playbook.severity ? `severity ${playbook.severity}` : '',
    playbook.data_risk ? `data risk ${playbook.data_risk}` : '',
  ].filter(Boolean);
  const title = playbook.title ?? 'Recovery';
  const heading = risk.length > 0 ? `${title} (${risk.join(', ')})` : title;
  const steps = playbook.ssh_steps ?? [];
  return [
    `Recovery: ${heading}`,
    ...(playbook.user_message ? [playbook.user_message] : []),
    ...(steps.length > 0 ? ['Steps:', ...steps.map((step, i) => `  ${i + 1}. ${step}`)] : []),
    ...(playbook.docs_url ? [`Docs: ${playbook.docs_url}`] : []),
  ].map(printable);
}
