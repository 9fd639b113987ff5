import { type Traversal, type } from 'arktype';
import { defaultHealthEndpoint, type Manifest, type RuntimeOverlay } from '../policy/types.js';
import { invalidDocument } from './document-kind.js';
import { isPortMapping } from './port-mapping.js';
import { describeProblems } from './schema-problems.js';

// Docker's repository grammar without tag or digest: the updater appends the version as the tag.
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const registryHost = '[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?';
const repoPattern = new RegExp(`^(?:${registryHost}/)?${pathComponent}(?:/${pathComponent})*$`);

const imageRepo = type(repoPattern).describe(
  'an image repository without tag, like payramapp/payram',
);
const endpoint = type(/^\//).describe('a path starting with "/"');
const restartPolicy = type(/^(?:no|always|unless-stopped|on-failure(?::[0-9]+)?)$/).describe(
  'no, always, unless-stopped, on-failure or on-failure:N',
);
const portMapping = type('string').narrow(
  (text, ctx) =>
    isPortMapping(text) || ctx.mustBe('a port mapping like [ip:]host:container[/tcp|udp]'),
);

// arktype counts arrays as objects, and ["x"] would otherwise pass as the env { "0": "x" }.
function notArray(value: object, ctx: Traversal): boolean {
  return !Array.isArray(value) || ctx.mustBe('an object, not an array');
}

const overlayJson = type({
  'ports?': portMapping.array(),
  'volumes?': type('string > 0').array(),
  'env?': type({ '[string]': 'string' }).narrow(notArray),
  'restart_policy?': restartPolicy,
}).narrow(notArray);

// Undeclared keys are ignored, arktype's default, so newer manifests still load.
const manifestJson = type({
  image: { repo: imageRepo },
  'health_check?': type({ 'endpoint?': endpoint }).narrow(notArray),
  'defaults?': overlayJson,
  'overrides?': type({ '[string]': overlayJson }).narrow(notArray),
});

type ManifestJson = typeof manifestJson.infer;
type OverlayJson = typeof overlayJson.infer;

/** Throws MANIFEST_INVALID_JSON naming the offending fields; `where` names the source. */
export function parseManifest(json: unknown, where?: string): Manifest {
  const checked = manifestJson(json);
  if (checked instanceof type.errors) {
    throw invalidDocument('manifest', where, `has invalid fields: ${describeProblems(checked)}`);
  }
  return toManifest(checked);
}

function toManifest(json: ManifestJson): Manifest {
  const { defaults, overrides } = json;
  return {
    image: { repo: json.image.repo },
    healthCheck: { endpoint: json.health_check?.endpoint ?? defaultHealthEndpoint },
    ...(defaults === undefined ? {} : { defaults: toOverlay(defaults) }),
    ...(overrides === undefined ? {} : { overrides: mapOverrides(overrides) }),
  };
}

function mapOverrides(overrides: Record<string, OverlayJson>): Record<string, RuntimeOverlay> {
  return Object.fromEntries(
    Object.entries(overrides).map(([version, overlay]) => [version, toOverlay(overlay)]),
  );
}

function toOverlay(json: OverlayJson): RuntimeOverlay {
  return {
    ...(json.ports === undefined ? {} : { ports: json.ports }),
    ...(json.volumes === undefined ? {} : { volumes: json.volumes }),
    ...(json.env === undefined ? {} : { env: json.env }),
    ...(json.restart_policy === undefined ? {} : { restartPolicy: json.restart_policy }),
  };
}
