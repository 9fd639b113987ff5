import type Docker from 'dockerode';
import type { ObservedVersion } from '../policy/plan-upgrade.js';
import { compareVersions, parseVersion } from '../policy/versions.js';
import type { TargetInspector, TargetObservation } from '../jobs/ports.js';
import type { Logger } from '../shared/logger.js';
import { describeError } from '../shared/updater-error.js';

export const versionLabel = 'org.opencontainers.image.version';

interface Candidate {
  name: string;
  image: string;
  running: boolean;
  tag: string | undefined;
  labels: Record<string, string>;
}

/** Finds the Payram container by name, or by repository and the highest semver tag. */
export class DockerTargetInspector implements TargetInspector {
  constructor(
    private readonly docker: Docker,
    private readonly containerName: string | undefined,
    private readonly logger: Logger,
  ) {}

  async observe(imageRepo: string): Promise<TargetObservation> {
    let candidates: Candidate[];
    try {
      this.logger.debug({ imageRepo }, 'listing containers');
      const containers = await this.docker.listContainers({ all: true });
      candidates = containers.map(toCandidate);
    } catch (error) {
      return { kind: 'unreachable', reason: `Docker is not reachable: ${describeError(error)}` };
    }
    const found = this.#choose(candidates, imageRepo);
    if (typeof found === 'string') return { kind: 'not-found', reason: found };
    const { name, image, running } = found;
    return { kind: 'found', container: { name, image, running }, version: versionOf(found) };
  }

  #choose(candidates: Candidate[], imageRepo: string): Candidate | string {
    if (this.containerName !== undefined) {
      const byName = candidates.find((c) => c.name === this.containerName);
      return byName ?? `no container named ${this.containerName}`;
    }
    const ofRepo = candidates.filter(
      (c) =>
        repoOf(c.image) === imageRepo && c.tag !== undefined && parseVersion(c.tag) !== undefined,
    );
    const running = ofRepo.filter((c) => c.running);
    const pool = running.length > 0 ? running : ofRepo;
    pool.sort((a, b) => compareVersions(b.tag ?? '', a.tag ?? ''));
    return pool[0] ?? `no container runs an image ${imageRepo}:<version>`;
  }
}

function toCandidate(info: Docker.ContainerInfo): Candidate {
  const name = (info.Names[0] ?? info.Id).replace(/^\//, '');
  return {
    name,
    image: info.Image,
    running: info.State === 'running',
    tag: tagOf(info.Image),
    labels: info.Labels,
  };
}

function repoOf(image: string): string {
  const tag = tagOf(image);
  return tag === undefined ? image : image.slice(0, -(tag.length + 1));
}

function tagOf(image: string): string | undefined {
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > lastSlash ? image.slice(colon + 1) : undefined;
}

/**
 * Ideally the version comes from the running core first; for now the label, then the tag.
 * The core query arrives with execute mode (issue 3), which also derives the core's URL.
 */
function versionOf(candidate: Candidate): ObservedVersion | undefined {
  const label = candidate.labels[versionLabel];
  if (label !== undefined && parseVersion(label) !== undefined)
    return { version: label, source: 'label' };
  if (candidate.tag !== undefined && parseVersion(candidate.tag) !== undefined) {
    return { version: candidate.tag, source: 'tag' };
  }
  return undefined;
}
