// Docker 20.10's classic builder keeps every step of a multi-stage build as an untagged image;
// removing the final tag prunes only the last stage's chain, so the build stage would stay behind.
import Docker from 'dockerode';

const docker = new Docker();
const nowS = () => Math.round(Date.now() / 1000);

export interface Leftovers {
  removed: number;
  /** Untagged images of the build still there: someone has built on them since. */
  kept: string[];
}

/** Which images existed, and when a build ran, to tell that build's leftovers apart. */
export class BuildWatch {
  #endedS: number | undefined;

  private constructor(
    private readonly before: ReadonlySet<string>,
    private readonly startedS: number,
  ) {}

  static async start(): Promise<BuildWatch> {
    const images = await docker.listImages({ all: true });
    return new BuildWatch(new Set(images.map((i) => i.Id)), nowS() - 1);
  }

  /** Until this is called (an interrupted build), the window stays open to the clean-up. */
  end(): void {
    this.#endedS = nowS() + 1;
  }

  /**
   * Removes the untagged images that appeared during the build: only the leaves, each removal
   * pruning its untagged parents; counts what went and lists what is still there (an image
   * someone has built on since). A build from another checkout in the same seconds cannot be
   * told apart, which is harmless for an untagged cache image.
   */
  async removeLeftovers(): Promise<Leftovers> {
    const found = (await this.#addedUntagged(false)).length;
    for (const id of await this.#addedUntagged(true)) {
      await docker
        .getImage(id)
        .remove()
        .catch((err: unknown) => {
          const status = (err as { statusCode?: number }).statusCode;
          if (status !== 404 && status !== 409) throw err;
        });
    }
    const kept = await this.#addedUntagged(false);
    return { removed: found - kept.length, kept };
  }

  async #addedUntagged(leavesOnly: boolean): Promise<string[]> {
    const images = await docker.listImages({ all: true });
    const parents = new Set(images.map((i) => i.ParentId));
    const endedS = this.#endedS ?? nowS();
    return images
      .filter((i) => !this.before.has(i.Id) && untagged(i) && !(leavesOnly && parents.has(i.Id)))
      .filter((i) => i.Created >= this.startedS && i.Created <= endedS)
      .map((i) => i.Id);
  }
}

function untagged(image: Docker.ImageInfo): boolean {
  return (image.RepoTags ?? []).every((tag) => tag === '<none>:<none>');
}
