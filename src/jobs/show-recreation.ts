import type { ContainerSnapshot, ImageSnapshot } from '../container/container-snapshot.js';
import type { ContainerSpec } from '../container/container-spec.js';
import { deriveSpec, mergeOverlay } from '../container/derive-spec.js';
import { maskSpec } from '../container/mask-spec.js';
import { describeSpecChanges } from '../container/spec-diff.js';
import type { Manifest } from '../policy/types.js';
import { describeError } from '../shared/updater-error.js';
import type { ContainerRuntime, LogLevel } from './ports.js';

export interface RecreationInput {
  current: ContainerSnapshot;
  oldImage: ImageSnapshot | undefined;
  newImage: ImageSnapshot;
  targetImage: string;
  targetVersion: string;
  createName: string;
  manifest: Manifest;
  portsOverride: readonly string[] | undefined;
}

export interface Shown {
  spec: ContainerSpec;
  lines: { level: LogLevel; message: string }[];
}

/** The spec to create and how it differs from the running container, secrets masked. */
export function showRecreation(input: RecreationInput): Shown {
  const { spec, notes } = deriveSpec({
    current: input.current,
    oldImage: input.oldImage,
    newImage: input.newImage,
    targetImage: input.targetImage,
    createName: input.createName,
    overlay: mergeOverlay(input.manifest, input.targetVersion),
    portsOverride: input.portsOverride,
  });
  const lines = [
    ...notes.map((message) => ({ level: 'WARN' as const, message })),
    ...describeSpecChanges(input.current, spec).map((c) => ({
      level: 'INFO' as const,
      message: `change: ${c}`,
    })),
    { level: 'INFO' as const, message: `New container spec: ${JSON.stringify(maskSpec(spec))}` },
  ];
  return { spec, lines };
}

export interface DryRunTarget {
  containerName: string;
  imageRepo: string;
  targetVersion: string;
  manifest: Manifest;
  portsOverride: readonly string[] | undefined;
}

/**
 * What a dry run can say about the recreation without changing anything. The target image
 * is not pulled: when it is not here yet, the old image stands in for its defaults.
 */
export async function dryRunRecreation(
  runtime: ContainerRuntime,
  target: DryRunTarget,
): Promise<{ level: LogLevel; message: string }[]> {
  try {
    const current = await runtime.inspectContainer(target.containerName);
    if (current === undefined) return [];
    const oldImage = await runtime.inspectImage(current.imageId);
    const targetImage = `${target.imageRepo}:${target.targetVersion}`;
    const pulled = await runtime.inspectImage(targetImage);
    const newImage = pulled ?? oldImage;
    if (newImage === undefined)
      return [{ level: 'WARN', message: 'No image to derive the new container from' }];
    const { lines } = showRecreation({
      ...target,
      current,
      oldImage,
      newImage,
      targetImage,
      createName: target.containerName,
    });
    const standIn = `${targetImage} is not present locally; its defaults are assumed equal to the running image's`;
    return pulled === undefined ? [{ level: 'WARN', message: standIn }, ...lines] : lines;
  } catch (error) {
    return [
      {
        level: 'WARN',
        message: `Could not derive the new container's spec: ${describeError(error)}`,
      },
    ];
  }
}
