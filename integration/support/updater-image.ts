import Docker from 'dockerode';
import { GenericContainer } from 'testcontainers';
import { BuildWatch, type Leftovers } from './build-leftovers.js';
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
  const watch = await BuildWatch.start();
  watches.set(tag, [...(watches.get(tag) ?? []), watch]);
  try {
    await GenericContainer.fromDockerfile(repoRoot).build(tag, { deleteOnExit: false });
  } finally {
    watch.end();
  }
  return tag;
}

/** What the builds of each tag left untagged (the multi-stage build's first stage). */
const watches = new Map<string, BuildWatch[]>();

/** Removes the image and what its builds in this process left behind. */
export async function removeUpdaterImage(tag = updaterTestImage): Promise<Leftovers> {
  await docker
    .getImage(tag)
    .remove({ force: true })
    .catch((err: unknown) => {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    });
  const result: Leftovers = { removed: 0, kept: [] };
  for (const watch of watches.get(tag) ?? []) {
    const { removed, kept } = await watch.removeLeftovers();
    result.removed += removed;
    result.kept.push(...kept);
  }
  watches.delete(tag);
  return result;
}
