import { Transform, type TransformCallback } from 'node:stream';

const headerBytes = 8;
const stderrLimit = 64 * 1024;

/**
 * Docker multiplexes an exec's stdout and stderr on one stream, each frame behind an 8-byte
 * header (stream id, size). This passes stdout on as a stream, so a pipeline keeps its
 * backpressure, and keeps the first 64 KiB of stderr for the error message.
 */
export class ExecDemux extends Transform {
  #pending: Buffer = Buffer.alloc(0);
  #stderr: Buffer[] = [];
  #stderrSize = 0;

  get stderr(): string {
    return Buffer.concat(this.#stderr).toString('utf8');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    while (this.#pending.length >= headerBytes) {
      const size = this.#pending.readUInt32BE(4);
      if (this.#pending.length < headerBytes + size) break;
      const payload = this.#pending.subarray(headerBytes, headerBytes + size);
      if (this.#pending[0] === 2) this.#keepStderr(payload);
      else this.push(payload);
      this.#pending = this.#pending.subarray(headerBytes + size);
    }
    done();
  }

  #keepStderr(payload: Buffer): void {
    if (this.#stderrSize >= stderrLimit) return;
    const kept = payload.subarray(0, stderrLimit - this.#stderrSize);
    this.#stderr.push(Buffer.from(kept));
    this.#stderrSize += kept.length;
  }
}
