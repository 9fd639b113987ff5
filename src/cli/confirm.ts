import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { TextSink } from './cli-io.js';

/** Only an explicit yes proceeds; an empty line, anything else, or a closed stdin says no. */
export async function confirm(input: Readable, output: TextSink, question: string) {
  output.write(question);
  const answer = await readLine(input);
  return /^(y|yes)$/i.test(answer.trim());
}

async function readLine(input: Readable): Promise<string> {
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}
