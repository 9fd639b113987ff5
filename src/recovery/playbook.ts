import type { FailureCode } from '../shared/failure-codes.js';

export type Severity = 'INFO' | 'RETRYABLE' | 'MANUAL_REQUIRED';
export type DataRisk = 'NONE' | 'POSSIBLE' | 'LIKELY' | 'UNKNOWN';

export interface Playbook {
  code: FailureCode;
  severity: Severity;
  dataRisk: DataRisk;
  title: string;
  userMessage: string;
  sshSteps: string[];
  docsUrl: string;
  backupPath: string | undefined;
  /**
   * true only where automated recovery is safe (`recover` may act); always false for
   * MIGRATION_FAILED
   */
  autoRecoverable: boolean;
}

export interface PlaybookContext {
  /** rendered as 'payram' when undefined */
  containerName: string | undefined;
  /** the image the container ran before the upgrade, e.g. 'payramapp/payram:1.7.8' */
  image: string | undefined;
  targetImage: string | undefined;
  /** published ports as `[ip:]host:container[/proto]`, e.g. '8080:8080' */
  ports: readonly string[];
  /** the pre-upgrade backup of the failed job */
  backupPath: string | undefined;
  fromVersion: string | undefined;
  toVersion: string | undefined;
  /** e.g. 'http://127.0.0.1:2359' */
  updaterUrl: string;
  /** The old container's restart policy (e.g. `unless-stopped`), put back with it. */
  restartPolicy?: string | undefined;
}
