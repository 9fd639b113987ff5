import type { Manifest, Policy } from '../policy/types.js';
import { fetchDocument, type FetchOptions } from './fetch-document.js';
import { parseManifest } from './manifest-schema.js';
import { parseJson } from './parse-json.js';
import { parsePolicy } from './policy-schema.js';

export type { FetchOptions } from './fetch-document.js';
export { parseManifest } from './manifest-schema.js';
export { parsePolicy } from './policy-schema.js';

/** Throws POLICY_FETCH_FAILED or POLICY_INVALID_JSON. */
export async function loadPolicy(source: string, options: FetchOptions): Promise<Policy> {
  const document = await fetchDocument('policy', source, options);
  return parsePolicy(parseJson('policy', document), document.where);
}

/** Throws MANIFEST_FETCH_FAILED or MANIFEST_INVALID_JSON. */
export async function loadManifest(source: string, options: FetchOptions): Promise<Manifest> {
  const document = await fetchDocument('manifest', source, options);
  return parseManifest(parseJson('manifest', document), document.where);
}
