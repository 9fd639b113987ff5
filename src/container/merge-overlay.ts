import { parseVersion } from '../policy/versions.js';
import type { Manifest, RuntimeOverlay } from '../policy/types.js';

/** The manifest's defaults with the overrides of `version` laid over them. */
export function mergeOverlay(manifest: Manifest, version: string): RuntimeOverlay {
  const defaults = manifest.defaults ?? {};
  const override = overrideFor(manifest.overrides ?? {}, version) ?? {};

  const env =
    defaults.env === undefined && override.env === undefined
      ? undefined
      : { ...defaults.env, ...override.env };
  const ports = override.ports ?? defaults.ports;
  const volumes = override.volumes ?? defaults.volumes;
  const restartPolicy = override.restartPolicy ?? defaults.restartPolicy;

  return {
    ...(ports === undefined ? {} : { ports }),
    ...(volumes === undefined ? {} : { volumes }),
    ...(env === undefined ? {} : { env }),
    ...(restartPolicy === undefined ? {} : { restartPolicy }),
  };
}

// The manifest is keyed by the published spelling; `v1.2.3` and `1.2.3` name the same release.
function overrideFor(
  overrides: Readonly<Record<string, RuntimeOverlay>>,
  version: string,
): RuntimeOverlay | undefined {
  if (Object.hasOwn(overrides, version)) return overrides[version];

  const wanted = parseVersion(version);
  if (wanted === undefined) return undefined;
  const match = Object.keys(overrides).find((key) => parseVersion(key) === wanted);
  return match === undefined ? undefined : overrides[match];
}
