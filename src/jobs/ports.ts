/**
 * Everything the job layer needs from the outside world, as interfaces. Adapters implement
 * them; only main.ts builds adapters and hands them in.
 */
import type { FailureCode } from '../shared/failure-codes.js';
import type { ObservedVersion } from '../policy/plan-upgrade.js';
import type { Manifest, Policy } from '../policy/types.js';
import type { Job } from './job.js';

export interface JobStore {
  /** The most recent job, whatever its state. */
  loadCurrent(): Promise<Job | undefined>;
  /** The most recent job that reached READY or FAILED. */
  loadLastFinished(): Promise<Job | undefined>;
  /** Durable when it resolves: a crash after this returns never loses the write. */
  save(job: Job): Promise<void>;
}

export type HistoryType = 'upgrade' | 'backup' | 'restore';
export type HistoryStatus = 'started' | 'succeeded' | 'failed';

export interface HistoryEvent {
  timestamp: string;
  type: HistoryType;
  status: HistoryStatus;
  jobId: string;
  message: string;
  mode?: string;
  fromVersion?: string;
  toVersion?: string;
  errorCode?: FailureCode;
  downtimeMs?: number;
}

export interface HistoryFilter {
  type?: HistoryType;
  status?: HistoryStatus;
  limit: number;
}

export interface HistoryStore {
  append(event: HistoryEvent): Promise<void>;
  /** Newest first. */
  query(filter: HistoryFilter): Promise<HistoryEvent[]>;
}

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

export interface JobLog {
  append(jobId: string, level: LogLevel, message: string): Promise<void>;
  read(jobId: string): Promise<string>;
  /**
   * The log so far, then each line as it is appended; ends when `ended` says so.
   * Nothing is missed or repeated between the snapshot and the live lines.
   */
  follow(jobId: string, ended: () => boolean, signal: AbortSignal): AsyncIterable<string>;
}

export interface DocumentSource {
  loadPolicy(): Promise<Policy>;
  loadManifest(): Promise<Manifest>;
}

export interface ContainerSummary {
  name: string;
  image: string;
  running: boolean;
}

export type TargetObservation =
  | { kind: 'found'; container: ContainerSummary; version: ObservedVersion | undefined }
  | { kind: 'not-found'; reason: string }
  | { kind: 'unreachable'; reason: string }
  /** Planning stopped before the container was looked for. */
  | { kind: 'skipped' };

export interface TargetInspector {
  /** Finds the Payram container and what version it runs, without changing anything. */
  observe(imageRepo: string): Promise<TargetObservation>;
}
