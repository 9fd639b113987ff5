import { ReadFailure } from './read-failure.js';

export function tooLarge(maxBytes: number): ReadFailure {
  return new ReadFailure(`larger than the limit of ${maxBytes} bytes`);
}

/** Concatenates the chunks, giving up (which cancels the stream) as soon as they pass maxBytes. */
export async function readLimited(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}
