import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { DockerContainerRuntime } from '../src/docker/docker-runtime.js';
import { captureLogger } from '../test/support/silent-logger.js';
import { makeTempDir, type TempDir } from '../test/support/temp-dir.js';

/** The exec path backups and restores stand on, against the real engine. */
describe('DockerContainerRuntime.exec', () => {
  const docker = new Docker();
  const runtime = new DockerContainerRuntime(docker, captureLogger());
  let container: Docker.Container;
  let dir: TempDir;

  before(async () => {
    dir = await makeTempDir();
    container = await docker.createContainer({
      Image: 'debian:bookworm-slim',
      Cmd: ['sleep', '600'],
      name: 'payram-it-exec-runtime',
    });
    await container.start();
  });
  after(async () => {
    await container.remove({ force: true });
    await dir.remove();
  });

  it('streams 300 MB of output through with backpressure, byte for byte', async () => {
    const hash = createHash('sha256');
    let size = 0;
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    const result = await runtime.exec(container.id, {
      cmd: ['head', '-c', '300000000', '/dev/zero'],
      stdout: sink,
    });
    expect([result.exitCode, size]).to.deep.equal([0, 300_000_000]);
    expect(hash.digest('hex')).to.equal(
      createHash('sha256').update(Buffer.alloc(300_000_000)).digest('hex'),
    );
  });

  it('feeds stdin whole to a program that reads it all', async () => {
    const file = join(dir.path, 'input.bin');
    const input = Buffer.from(Array.from({ length: 5_000_000 }, (_, i) => i % 251));
    await writeFile(file, input);
    const result = await runtime.exec(container.id, {
      cmd: ['sha256sum'],
      stdin: createReadStream(file),
    });
    expect(result.exitCode).to.equal(0);
    expect(result.stdout.split(' ')[0]).to.equal(createHash('sha256').update(input).digest('hex'));
  });

  it('returns when a program exits before reading all of stdin (pg_restore --list does)', async () => {
    const file = join(dir.path, 'big.bin');
    await writeFile(file, Buffer.alloc(200_000_000, 65));
    const started = Date.now();
    const result = await runtime.exec(container.id, {
      cmd: ['head', '-c', '10'],
      stdin: createReadStream(file),
    });
    expect([result.exitCode, result.stdout]).to.deep.equal([0, 'AAAAAAAAAA']);
    expect(Date.now() - started).to.be.lessThan(15_000);
  });

  it('reports a failing program by its exit code and stderr, and keeps env out of argv', async () => {
    const result = await runtime.exec(container.id, {
      cmd: ['sh', '-c', 'echo "secret is $SECRET" >&2; cat /proc/self/cmdline; exit 3'],
      env: ['SECRET=hunter2'],
    });
    expect(result.exitCode).to.equal(3);
    expect(result.stderr.trim()).to.equal('secret is hunter2');
    expect(result.stdout).not.to.include('hunter2');
  });
});
