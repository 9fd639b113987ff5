import type { Job } from '../jobs/job.js';
import type { Playbook } from '../recovery/playbook.js';
import { renderPlaybook } from '../recovery/render-playbook.js';

export function playbookFor(job: Job, updaterUrl: string): Playbook | undefined {
  if (job.state !== 'FAILED' || job.errorCode === undefined) return undefined;
  return renderPlaybook(job.errorCode, {
    containerName: job.container,
    // Ideally the running image and ports come from the inspected container; for now the job
    // records only the target, until execute mode stores what it inspected.
    image: undefined,
    targetImage: job.image,
    ports: [],
    backupPath: job.backupPath,
    fromVersion: job.currentVersion,
    toVersion: job.resolvedTarget,
    updaterUrl,
  });
}

export function playbookToJson(playbook: Playbook): Record<string, unknown> {
  return {
    code: playbook.code,
    severity: playbook.severity,
    data_risk: playbook.dataRisk,
    title: playbook.title,
    user_message: playbook.userMessage,
    ssh_steps: playbook.sshSteps,
    docs_url: playbook.docsUrl,
    backup_path: playbook.backupPath ?? '',
    auto_recoverable: playbook.autoRecoverable,
  };
}
