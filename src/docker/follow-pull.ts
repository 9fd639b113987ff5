import type Docker from 'dockerode';

interface PullEvent {
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Byte counters would flood the job log; only a layer's change of status is worth a line. */
const quiet = new Set(['Downloading', 'Extracting', 'Waiting', 'Verifying Checksum']);

export function followPull(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onProgress: (message: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEvent = (event: PullEvent): void => {
      if (event.status === undefined || quiet.has(event.status)) return;
      onProgress(event.id === undefined ? event.status : `${event.id}: ${event.status}`);
    };
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: PullEvent[]) => {
        const failed = events.find((e) => e.error !== undefined);
        if (error !== null) reject(error);
        else if (failed !== undefined)
          reject(new Error(failed.errorDetail?.message ?? failed.error));
        else resolve();
      },
      onEvent,
    );
  });
}
