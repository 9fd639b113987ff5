import { createRequire, Module } from 'node:module';
import { fileURLToPath } from 'node:url';

/*
 * dockerode loads, when it is imported, libraries for two features the updater never uses:
 * ssh2 for `ssh://` Docker hosts (DOCKER_HOST here is a socket or tcp://) and gRPC with uuid
 * for BuildKit sessions. Together they hold about 6 MB of resident memory for the whole life of
 * the daemon. Each is put into the require cache (which Node documents as writable) as a
 * stand-in that loads the real library the first time anything of it is used, so such a use
 * still works, only without the saving.
 *
 * Imported by docker-client.ts before dockerode, the only module that loads it.
 */

interface Deferral {
  /**
   * The chain of packages from dockerode to the one whose code requires `id`, each resolved from
   * the one before, as their own requires resolve them.
   */
  requiredBy: readonly string[];
  id: string;
  /**
   * Exports its requirer reads while loading (`require('ssh2').Client`), each stood in for by a
   * class or function that loads the library when constructed or called. Reading any other
   * export loads the library at once.
   */
  readAtLoad: Readonly<Record<string, 'class' | 'function'>>;
}

export const deferrals: readonly Deferral[] = [
  { requiredBy: ['dockerode', 'docker-modem'], id: 'ssh2', readAtLoad: { Client: 'class' } },
  { requiredBy: ['dockerode'], id: '@grpc/grpc-js', readAtLoad: {} },
  { requiredBy: ['dockerode'], id: '@grpc/proto-loader', readAtLoad: {} },
  { requiredBy: ['dockerode'], id: 'uuid', readAtLoad: { v4: 'function' } },
];

const ownPath = fileURLToPath(import.meta.url);

/** The path `id` resolves to from `requiredBy`, which is the require cache's key for it. */
export function deferredPath({ requiredBy, id }: Deferral): string {
  const requirer = requiredBy.reduce((from, name) => createRequire(from).resolve(name), ownPath);
  return createRequire(requirer).resolve(id);
}

function defer(deferral: Deferral): void {
  let path: string;
  try {
    path = deferredPath(deferral);
  } catch {
    return; // a dockerode that no longer depends on it: nothing to defer
  }
  const require = createRequire(path);
  if (require.cache[path] !== undefined) return;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (real === undefined) {
      Reflect.deleteProperty(require.cache, path);
      real = require(path) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  const standIns = new Map<PropertyKey, unknown>(
    Object.entries(deferral.readAtLoad).map(([name, kind]) => {
      const target = () => load()[name] as (...args: unknown[]) => unknown;
      // A plain function, so that `new` on it returns the real class's instance.
      const standIn =
        kind === 'class'
          ? function (...args: unknown[]): object {
              return Reflect.construct(target(), args) as object;
            }
          : (...args: unknown[]) => Reflect.apply(target(), undefined, args);
      return [name, standIn];
    }),
  );
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  // Listing or describing the exports (a for-in, an import-star helper) loads the library and
  // copies them onto the proxy's target, so those answers are the real ones too.
  const shadow: Record<PropertyKey, unknown> = {};
  let copied = false;
  const materialise = (): object => {
    if (!copied) Object.defineProperties(shadow, Object.getOwnPropertyDescriptors(load()));
    copied = true;
    return shadow;
  };
  stub.exports = new Proxy(shadow, {
    get: (_target, key) => (real === undefined ? standIns.get(key) : undefined) ?? load()[key],
    has: (_target, key) => Reflect.has(materialise(), key),
    ownKeys: () => Reflect.ownKeys(materialise()),
    getOwnPropertyDescriptor: (_target, key) =>
      Reflect.getOwnPropertyDescriptor(materialise(), key),
  });
  require.cache[path] = stub;
}

for (const deferral of deferrals) defer(deferral);
