import type { Readable } from 'node:stream';

export interface TextSink {
  write(text: string): unknown;
}

/** Everything the CLI touches outside itself, injected so that tests need no globals. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: Readable;
  /** Whether a person can answer a prompt on stdin. */
  isInteractive: boolean;
  env: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
}
