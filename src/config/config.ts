import type { UpgradeMode } from '../policy/types.js';

export type ExecutionMode = 'dry-run' | 'execute';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** The daemon's effective configuration: read once at start, validated, frozen. */
export interface Config {
  port: number;
  /** Explicit listen addresses; undefined means loopback plus the Docker bridge gateways. */
  bind: readonly string[] | undefined;
  /** Source networks allowed to call the API; undefined means loopback plus Docker bridges. */
  allowedSources: readonly string[] | undefined;
  apiToken: string | undefined;
  policyUrl: string;
  manifestUrl: string;
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  requestBodyLimitBytes: number;
  stateDir: string;
  logDir: string;
  backupDir: string;
  backupRetention: number;
  backupTimeoutMs: number;
  targetContainerName: string | undefined;
  coreBaseUrl: string | undefined;
  executionMode: ExecutionMode;
  /** How long a new container gets to be healthy, on the right version, migrated. */
  verifyTimeoutMs: number;
  verifyIntervalMs: number;
  /** Used when the container sets no stop timeout of its own. */
  stopTimeoutSeconds: number;
  /**
   * Tests only: the daemon SIGKILLs itself right after journaling this execution step, so that
   * crash recovery can be proven at every step rather than at whatever moment a race hits.
   */
  faultKillAtStep: string | undefined;
  dockerHost: string;
  imageRepoOverride: string | undefined;
  skipDockerPull: boolean;
  portsOverride: readonly string[] | undefined;
  supervisorExclude: readonly string[];
  logLevel: LogLevel;
  /** Relative policy and manifest paths resolve against this folder. */
  baseDir: string;
}

export type { UpgradeMode };
