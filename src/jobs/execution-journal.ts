import type { RestartPolicy } from '../container/container-snapshot.js';
import type { FailureCode } from '../shared/failure-codes.js';

/**
 * The steps of a recreation, in order. The journal names the step *about to be done*, saved
 * before doing it, so that after a crash the next start knows the furthest point reached.
 */
export const executionSteps = [
  'pull',
  'backup',
  'create',
  'disable-restart',
  'stop-old',
  'rename-old',
  'rename-new',
  'start-new',
  'verify',
  'cleanup',
] as const;

export type ExecutionStep = (typeof executionSteps)[number] | 'rollback';

export interface ExecutionJournal {
  step: ExecutionStep;
  containerName: string;
  oldContainerId: string;
  oldImage: string;
  oldRestartPolicy: RestartPolicy;
  /** As `docker run -p` writes them (`127.0.0.1:8080:8080/tcp`), for the playbooks. */
  oldPorts: string[];
  oldWasRunning: boolean;
  /** Application programs paused for the backup; started again if the old container stays. */
  stoppedPrograms: string[];
  backupPath: string | undefined;
  /** Names are fixed up front, so a container created just before a crash is still found. */
  tempName: string;
  asideName: string;
  targetImage: string;
  newContainerId: string | undefined;
  coreBaseUrl: string;
  healthEndpoint: string;
  /** Cores older than the policy's updater_api_init_version have no /api/v1 endpoints. */
  legacyCore: boolean;
  /** Where the old core answered, to confirm it healthy after a rollback. */
  oldCoreBaseUrl: string;
  oldLegacyCore: boolean;
  stoppedAt: string | undefined;
  healthyAt: string | undefined;
  /** Set when a rollback starts: the failure that caused it. */
  rollbackFor: { code: FailureCode; message: string } | undefined;
}

/** True once the old container may have stopped serving. */
export function oldMayBeDown(step: ExecutionStep): boolean {
  if (step === 'rollback') return true;
  return executionSteps.indexOf(step) >= executionSteps.indexOf('stop-old');
}

/** Short, unique-per-job names for the new container and the old one set aside. */
export function recreationNames(containerName: string, jobId: string) {
  const suffix = jobId.replace(/^job-/, '').slice(-6);
  return {
    tempName: `${containerName}-next-${suffix}`,
    asideName: `${containerName}-prev-${suffix}`,
  };
}
