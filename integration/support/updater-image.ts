import Docker from 'dockerode';
import { GenericContainer } from 'testcontainers';
import { repoRoot } from './daemon-process.js';

/** The tag the end-to-end tests, the compose check and the benchmark build and remove. */
export const updaterTestImage = 'payram-updater-it/updater:test';

const docker = new Docker();

/**
 * Builds the updater's own image from the repository's Dockerfile (npm runs inside the build).
 * Always built, never trusted from an earlier run: Docker's layer cache makes an unchanged
 * rebuild take seconds, while a stale image would test old code.
 */
export async function buildUpdaterImage(tag = updaterTestImage): Promise<string> {
  await GenericContainer.fromDockerfile(repoRoot).build(tag, { deleteOnExit: false });
  return tag;
}

export async function removeUpdaterImage(tag = updaterTestImage): Promise<void> {
  await docker
    .getImage(tag)
    .remove({ force: true })
    .catch((err: unknown) => {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    });
}
