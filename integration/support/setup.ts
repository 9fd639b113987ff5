import { removeDummyImages } from './data-dummy.js';
import { removeUpdaterImage } from './updater-image.js';

// No registry is reachable here, so testcontainers' reaper image cannot be pulled: every test
// removes what it creates instead. Set before testcontainers reads its environment.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';

/**
 * The data-dummy images and the updater's own image are shared by every file (the first build takes ~30 s, the next
 * versions ~1 s on its layers), so they are removed once, after the whole run.
 */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await removeDummyImages();
    await removeUpdaterImage();
  },
};
