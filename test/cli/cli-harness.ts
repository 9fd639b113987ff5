import { Readable } from 'node:stream';
import type { TextSink } from '../../src/cli/cli-io.js';
import { buildProgram } from '../../src/cli/program.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliSetup {
  daemonUrl?: string;
  env?: Record<string, string | undefined>;
  /** What a person would type; stdin closes after it. */
  stdin?: string;
  isInteractive?: boolean;
}

class Capture implements TextSink {
  text = '';
  /** Each write as it arrived, to see that streamed output came in pieces. */
  writes: string[] = [];

  write(text: string): boolean {
    this.text += text;
    this.writes.push(text);
    return true;
  }
}

export async function runCli(args: readonly string[], setup: CliSetup = {}): Promise<CliOutcome> {
  return (await runCliRecordingWrites(args, setup)).outcome;
}

export async function runCliRecordingWrites(args: readonly string[], setup: CliSetup = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const env = {
    ...(setup.daemonUrl === undefined ? {} : { PAYRAM_UPDATER_URL: setup.daemonUrl }),
    ...setup.env,
  };
  const program = buildProgram({
    stdout,
    stderr,
    stdin: Readable.from(setup.stdin === undefined ? [] : [setup.stdin]),
    isInteractive: setup.isInteractive ?? false,
    env,
  });
  const code = await program.run(args);
  const outcome: CliOutcome = { code, stdout: stdout.text, stderr: stderr.text };
  return { outcome, stdoutWrites: stdout.writes };
}
