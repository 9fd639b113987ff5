import type Docker from 'dockerode';
import type {
  ContainerSnapshot,
  ImageSnapshot,
  RestartPolicy,
} from '../container/container-snapshot.js';
import type { ContainerSpec } from '../container/container-spec.js';
import { pipeline } from 'node:stream/promises';
import { Writable, type Duplex, type Readable } from 'node:stream';
import type { ContainerListing, ContainerRuntime, ExecOptions, ExecResult } from '../jobs/ports.js';
import { ExecDemux } from './exec-demux.js';
import type { Logger } from '../shared/logger.js';
import { toContainerSnapshot, toImageSnapshot } from './map-inspect.js';
import { followPull } from './follow-pull.js';
import { toCreateOptions } from './to-create-options.js';

/** The engine through dockerode: a debug line around every call, nothing else of ours. */
export class DockerContainerRuntime implements ContainerRuntime {
  constructor(
    private readonly docker: Docker,
    private readonly logger: Logger,
  ) {}

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async listContainers(): Promise<ContainerListing[]> {
    const containers = await this.docker.listContainers({ all: true });
    return containers.map((info) => ({
      id: info.Id,
      name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
      image: info.Image,
      running: info.State === 'running',
      labels: info.Labels,
    }));
  }

  inspectContainer(nameOrId: string): Promise<ContainerSnapshot | undefined> {
    return this.#orUndefined(async () =>
      toContainerSnapshot(await this.docker.getContainer(nameOrId).inspect()),
    );
  }

  inspectImage(ref: string): Promise<ImageSnapshot | undefined> {
    return this.#orUndefined(async () =>
      toImageSnapshot(await this.docker.getImage(ref).inspect()),
    );
  }

  async pullImage(ref: string, onProgress: (message: string) => void): Promise<void> {
    this.logger.debug({ image: ref }, 'pulling image');
    const stream = await this.docker.pull(ref);
    await followPull(this.docker, stream, onProgress);
    this.logger.debug({ image: ref }, 'pulled image');
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const { options, connect } = toCreateOptions(spec);
    this.logger.debug({ name: spec.name, image: spec.image }, 'creating container');
    const container = await this.docker.createContainer(options);
    try {
      for (const { network, endpoint } of connect) {
        await this.docker
          .getNetwork(network)
          .connect({ Container: container.id, EndpointConfig: endpoint });
      }
    } catch (error) {
      await container.remove({ force: true, v: false }).catch(() => undefined);
      throw error;
    }
    this.logger.debug({ name: spec.name, id: container.id }, 'created container');
    return container.id;
  }

  async setRestartPolicy(id: string, policy: RestartPolicy): Promise<void> {
    this.logger.debug({ id, policy: policy.name }, 'updating restart policy');
    await this.docker.getContainer(id).update({
      RestartPolicy: { Name: policy.name, MaximumRetryCount: policy.maximumRetryCount },
    });
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    this.logger.debug({ id, timeoutSeconds }, 'stopping container');
    await this.#ignoreStatus(304, () => this.docker.getContainer(id).stop({ t: timeoutSeconds }));
  }

  async startContainer(id: string): Promise<void> {
    this.logger.debug({ id }, 'starting container');
    await this.#ignoreStatus(304, () => this.docker.getContainer(id).start());
  }

  async renameContainer(id: string, name: string): Promise<void> {
    this.logger.debug({ id, name }, 'renaming container');
    await this.docker.getContainer(id).rename({ name });
  }

  async removeContainer(id: string): Promise<void> {
    this.logger.debug({ id }, 'removing container');
    // v: false — a volume, anonymous ones included, may hold the only copy of Payram's data.
    await this.#ignoreStatus(404, () =>
      this.docker.getContainer(id).remove({ force: true, v: false }),
    );
  }

  async exec(containerId: string, options: ExecOptions): Promise<ExecResult> {
    const exec = await this.docker.getContainer(containerId).exec({
      Cmd: options.cmd,
      Env: options.env ?? [],
      ...(options.user === undefined ? {} : { User: options.user }),
      AttachStdin: options.stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
    });
    this.logger.debug({ containerId, program: options.cmd[0] }, 'exec started');
    const stream = await exec.start({
      hijack: true,
      stdin: options.stdin !== undefined,
    });
    const demux = new ExecDemux();
    const collected = new LimitedText(1024 * 1024);
    const forced = { closed: false };
    const feeding =
      options.stdin === undefined
        ? Promise.resolve()
        : Promise.all([feed(options.stdin, stream), endWhenExited(exec, stream, forced)]);
    const reading = pipeline(stream, demux, options.stdout ?? collected, {
      signal: options.signal ?? new AbortController().signal,
    }).catch((error: unknown) => {
      // We hung up on a program that had exited: its exit code below is the answer.
      if (!forced.closed) throw error;
    });
    await Promise.all([reading, feeding]);
    const { ExitCode } = await exec.inspect();
    this.logger.debug({ containerId, program: options.cmd[0], exitCode: ExitCode }, 'exec ended');
    return { exitCode: ExitCode ?? -1, stdout: collected.text, stderr: demux.stderr };
  }

  async removeImagesOf(repo: string, select: (tag: string) => boolean): Promise<string[]> {
    const images = await this.docker.listImages({ filters: { reference: [repo] } });
    const inUse = new Set((await this.docker.listContainers({ all: true })).map((c) => c.ImageID));
    const removed: string[] = [];
    for (const image of images) {
      const tags = (image.RepoTags ?? []).filter((ref) => ref.startsWith(`${repo}:`));
      const chosen = tags.length > 0 && tags.every((ref) => select(ref.slice(repo.length + 1)));
      if (inUse.has(image.Id) || !chosen) continue;
      const done = await this.docker
        .getImage(image.Id)
        .remove()
        .then(
          () => true,
          () => false,
        );
      if (done) removed.push(...tags);
    }
    return removed;
  }

  async #orUndefined<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async #ignoreStatus(status: number, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== status) throw error;
    }
  }
}

/**
 * Copies stdin into the exec, then half-closes it so the program sees end of input. A
 * program may stop reading early: feeding then just stops, and its exit code says whether
 * that was fine.
 */
async function feed(input: Readable, stream: Duplex): Promise<void> {
  const closed = new Promise<void>((resolve) => stream.once('close', resolve));
  try {
    for await (const chunk of input) {
      if (stream.destroyed || stream.writableEnded) break;
      if (!stream.write(chunk as Buffer)) {
        await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), closed]);
      }
    }
    if (!stream.destroyed && !stream.writableEnded) stream.end();
  } catch {
    // The exec went away mid-write: its exit code tells the caller what happened.
  } finally {
    input.destroy();
  }
}

/**
 * Docker keeps an exec's connection open until the client closes its side of stdin, even after
 * the program exited without reading it all (pg_restore --list stops after the table of
 * contents). Once the program has exited, ending our side lets Docker deliver the rest of the
 * output and close.
 */
async function endWhenExited(exec: Docker.Exec, stream: Duplex, forced: { closed: boolean }) {
  const closed = new Promise<void>((resolve) => stream.once('close', resolve));
  for (;;) {
    const done = await Promise.race([closed.then(() => true), delay(100).then(() => false)]);
    if (done) return;
    if ((await exec.inspect()).Running) continue;
    // Unread stdin still queued ahead of our FIN: give the output a moment, then hang up.
    stream.end();
    if (await Promise.race([closed.then(() => true), delay(250).then(() => false)])) return;
    forced.closed = true;
    stream.destroy();
    return;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A sink for output nobody streams anywhere: kept as text up to a limit. */
class LimitedText extends Writable {
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(private readonly limit: number) {
    super();
  }

  get text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    if (this.#size < this.limit) {
      const kept = chunk.subarray(0, this.limit - this.#size);
      this.#chunks.push(Buffer.from(kept));
      this.#size += kept.length;
    }
    done();
  }
}
