import { coreBaseUrl } from '../container/core-url.js';
import type { ObservedVersion } from '../policy/plan-upgrade.js';
import { compareVersions, parseVersion } from '../policy/versions.js';
import { describeError } from '../shared/updater-error.js';
import type {
  ContainerListing,
  ContainerRuntime,
  CoreProbe,
  TargetInspector,
  TargetObservation,
} from './ports.js';

export const versionLabel = 'org.opencontainers.image.version';

export interface ObserveSettings {
  containerName: string | undefined;
  coreBaseUrlOverride: string | undefined;
}

/**
 * Finds the Payram container (by name, or by repository and the highest semver tag, running
 * ones first) and reads its version from the core, else the image label, else the tag.
 */
export class RuntimeTargetInspector implements TargetInspector {
  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly probe: CoreProbe,
    private readonly settings: ObserveSettings,
  ) {}

  async observe(imageRepo: string): Promise<TargetObservation> {
    let containers: ContainerListing[];
    try {
      containers = await this.runtime.listContainers();
    } catch (error) {
      return { kind: 'unreachable', reason: `Docker is not reachable: ${describeError(error)}` };
    }
    const found = chooseTarget(containers, imageRepo, this.settings.containerName);
    if (typeof found === 'string') return { kind: 'not-found', reason: found };
    const { name, image, running } = found;
    const version = (running ? await this.#fromCore(found) : undefined) ?? fromImage(found);
    return { kind: 'found', container: { name, image, running }, version };
  }

  async #fromCore(container: ContainerListing): Promise<ObservedVersion | undefined> {
    const snapshot = await this.runtime.inspectContainer(container.id);
    if (snapshot === undefined) return undefined;
    const hostNetwork =
      snapshot.hostConfig.networkMode === 'host' ? 'http://127.0.0.1:8080' : undefined;
    const url =
      coreBaseUrl(snapshot.publishedPorts, this.settings.coreBaseUrlOverride) ?? hostNetwork;
    if (url === undefined) return undefined;
    const version = await this.probe.version(url);
    return version !== undefined && parseVersion(version) !== undefined
      ? { version, source: 'core' }
      : undefined;
  }
}

export function chooseTarget(
  containers: readonly ContainerListing[],
  imageRepo: string,
  containerName: string | undefined,
): ContainerListing | string {
  if (containerName !== undefined) {
    return (
      containers.find((c) => c.name === containerName) ?? `no container named ${containerName}`
    );
  }
  const versioned = containers.filter((c) => {
    const tag = tagOf(c.image);
    return repoOf(c.image) === imageRepo && tag !== undefined && parseVersion(tag) !== undefined;
  });
  const running = versioned.filter((c) => c.running);
  const pool = running.length > 0 ? running : versioned;
  const sorted = [...pool].sort((a, b) =>
    compareVersions(tagOf(b.image) ?? '', tagOf(a.image) ?? ''),
  );
  return sorted[0] ?? `no container runs an image ${imageRepo}:<version>`;
}

function fromImage(container: ContainerListing): ObservedVersion | undefined {
  const label = container.labels[versionLabel];
  if (label !== undefined && parseVersion(label) !== undefined)
    return { version: label, source: 'label' };
  const tag = tagOf(container.image);
  return tag !== undefined && parseVersion(tag) !== undefined
    ? { version: tag, source: 'tag' }
    : undefined;
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
