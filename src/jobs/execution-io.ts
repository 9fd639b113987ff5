import type { ExecutionJournal, ExecutionStep } from './execution-journal.js';
import type { LogLevel } from './ports.js';

/** How the executor records progress: every journal change is durable before it returns. */
export interface ExecutionIo {
  journal(): ExecutionJournal;
  record(step: ExecutionStep, patch?: Partial<ExecutionJournal>): Promise<void>;
  log(level: LogLevel, message: string): Promise<void>;
}
