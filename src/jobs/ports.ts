/**
 * Everything the job layer needs from the outside world, as interfaces. Adapters implement
 * them; only main.ts builds adapters and hands them in.
 */
import type {
  ContainerSnapshot,
  ImageSnapshot,
  RestartPolicy,
} from '../container/container-snapshot.js';
import type { ContainerSpec } from '../container/container-spec.js';
import type { Readable, Writable } from 'node:stream';
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

/** The Docker engine, as the upgrade sequence uses it. Implemented with dockerode. */
export interface ContainerRuntime {
  ping(): Promise<void>;
  listContainers(): Promise<ContainerListing[]>;
  inspectContainer(nameOrId: string): Promise<ContainerSnapshot | undefined>;
  inspectImage(ref: string): Promise<ImageSnapshot | undefined>;
  /** Resolves when the image is present; reports progress as short sentences. */
  pullImage(ref: string, onProgress: (message: string) => void): Promise<void>;
  /** Creates (never starts) the container and connects its extra networks; returns its id. */
  createContainer(spec: ContainerSpec): Promise<string>;
  setRestartPolicy(id: string, policy: RestartPolicy): Promise<void>;
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  startContainer(id: string): Promise<void>;
  renameContainer(id: string, name: string): Promise<void>;
  /** Removes the container but never its volumes. */
  removeContainer(id: string): Promise<void>;
  /**
   * Runs a command in a container through the exec API (never a shell built from strings).
   * Secrets go in `env`, never in `cmd`. With `stdout` the output streams there, with
   * backpressure; without it, up to 1 MiB is returned as text.
   */
  exec(containerId: string, options: ExecOptions): Promise<ExecResult>;
  /** Removes the images of `repo` whose tag `select` picks, unless in use; returns their tags. */
  removeImagesOf(repo: string, select: (tag: string) => boolean): Promise<string[]>;
}

export interface ExecOptions {
  cmd: string[];
  env?: string[];
  user?: string;
  stdin?: Readable;
  stdout?: Writable;
  signal?: AbortSignal;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ContainerListing {
  id: string;
  name: string;
  image: string;
  running: boolean;
  labels: Record<string, string>;
}

export type MigrationState = 'complete' | 'running' | 'failed';

/** The Payram core's HTTP endpoints. Every call answers; failures come back as values. */
export interface CoreProbe {
  /** 2xx with a JSON `status` of `ok` (or no JSON at all for the root page) counts as healthy. */
  health(baseUrl: string, endpoint: string): Promise<{ ok: boolean; detail: string }>;
  /** undefined when the core has no version endpoint or does not answer. */
  version(baseUrl: string): Promise<string | undefined>;
  /** undefined when the core does not report migrations (older versions). */
  migrations(baseUrl: string): Promise<{ state: MigrationState; detail: string } | undefined>;
}

export type Sleep = (ms: number) => Promise<void>;

export type BackupKind = 'pre-upgrade' | 'manual';

export interface BackupRecord {
  id: string;
  path: string;
  filename: string;
  size: number;
  sha256: string;
  createdAt: string;
  database: string;
  fromVersion: string;
  /** `manual` for manual backups. */
  targetVersion: string;
  jobId: string;
  kind: BackupKind;
}

export interface BackupRequest {
  kind: BackupKind;
  fromVersion: string;
  targetVersion: string;
  jobId: string;
  /** Pre-upgrade backups quiesce the application so nothing is written after the dump. */
  stopApplication: boolean;
  log: (message: string) => Promise<void>;
  /** Called with the programs about to be stopped, before stopping them. */
  onStopping: (programs: string[]) => Promise<void>;
}

export type BackupReference = { id: string } | { file: string };

/** pg_dump / pg_restore of the Payram database, and the backups kept in BACKUP_DIR. */
export interface BackupManager {
  /** DISK_SPACE_LOW when BACKUP_DIR cannot hold about 1.5 times the database. */
  checkSpace(container: ContainerSnapshot): Promise<void>;
  create(container: ContainerSnapshot, request: BackupRequest): Promise<BackupRecord>;
  startPrograms(containerId: string, programs: readonly string[]): Promise<void>;
  list(): Promise<BackupRecord[]>;
  /** INVALID_BACKUP_PATH outside BACKUP_DIR or through a link; BACKUP_NOT_FOUND otherwise. */
  find(reference: BackupReference): Promise<BackupRecord>;
  /** Checks the SHA-256 first; leaves the database exactly as dumped. */
  restore(
    record: BackupRecord,
    container: ContainerSnapshot,
    log: (message: string) => Promise<void>,
  ): Promise<void>;
}
