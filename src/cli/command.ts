import type { CliIo } from './cli-io.js';
import type { DaemonClient } from './client.js';
import type { ExitCode } from './exit-codes.js';

export interface CommandContext {
  io: CliIo;
  /** `--json`: print the daemon's answers as JSON instead of human output. */
  json: boolean;
  /** Resolved on first use, so that `serve` never needs a daemon URL or token. */
  connect(): Promise<DaemonClient>;
}

export interface CommandInput {
  /** cac's parse: trusted for booleans only (see rawOptionValue). */
  flags: Readonly<Record<string, unknown>>;
  /** The arguments after the program name, for reading option values as typed. */
  argv: readonly string[];
  /** The positional arguments after the command name, e.g. `['restore']` for `backup restore`. */
  positionals: readonly string[];
}

export interface CliCommand {
  name: string;
  /** Shown after the program name in help, e.g. `logs [-f]`. */
  usage: string;
  description: string;
  /** cac's syntax for the positional arguments, e.g. `<action>`; none when absent. */
  positionals?: string;
  /** Shown under the command in help, for commands whose first argument picks an action. */
  actions?: readonly (readonly [usage: string, description: string])[];
  options: readonly (readonly [flags: string, description: string])[];
  run(context: CommandContext, input: CommandInput): Promise<ExitCode>;
}

export function writeLines(sink: { write(text: string): unknown }, lines: readonly string[]) {
  sink.write(lines.map((line) => `${line}\n`).join(''));
}
