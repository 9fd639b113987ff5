import type { Job } from '../jobs/job.js';
import type { Playbook } from '../recovery/playbook.js';
import { renderPlaybook } from '../recovery/render-playbook.js';

export function playbookFor(job: Job, updaterUrl: string): Playbook | undefined {
  if (job.state !== 'FAILED' || job.errorCode === undefined) return undefined;
  return renderPlaybook(job.errorCode, {
    containerName: job.container,
    // A dry run or a refused plan never inspected the container: its image and ports are unknown.
    image: job.execution?.oldImage,
    targetImage: job.image,
    ports: job.execution?.oldPorts ?? [],
    restartPolicy: restartPolicyText(job),
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

function restartPolicyText(job: Job): string | undefined {
  const policy = job.execution?.oldRestartPolicy;
  if (policy === undefined) return undefined;
  return policy.name === 'on-failure' && policy.maximumRetryCount > 0
    ? `on-failure:${policy.maximumRetryCount}`
    : policy.name;
}
