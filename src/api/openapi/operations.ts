import {
  responseRef,
  type Operation,
  type Reference,
  type RequestBody,
  type ResponseObject,
} from './openapi-types.js';
import type { JsonSchema } from './json-schema.js';

type Responses = Readonly<Record<string, ResponseObject | Reference>>;
type References = Readonly<Record<string, Reference>>;
type Described = Omit<Operation, 'responses' | 'security'> & { responses: Responses };

// Source restriction runs before everything else; an unexpected error can happen anywhere.
const everyRequest: References = {
  '403': responseRef('Forbidden'),
  '500': responseRef('InternalError'),
};

// The token check and the body parser run on every POST before its route.
const everyPost: References = {
  '400': responseRef('BadRequest'),
  '401': responseRef('Unauthorized'),
  '413': responseRef('PayloadTooLarge'),
  '415': responseRef('UnsupportedMediaType'),
};

export const optionalToken = [{ bearerToken: [] }, {}] as const;

export function readOperation(operation: Described): Operation {
  return { ...operation, responses: byStatus({ ...everyRequest, ...operation.responses }) };
}

/** State-changing: needs the bearer token when UPDATER_API_TOKEN is set. */
export function writeOperation(operation: Described): Operation {
  const responses = byStatus({ ...everyRequest, ...everyPost, ...operation.responses });
  return { ...operation, security: optionalToken, responses };
}

/** What a request matching no operation may get: 404 for a path, 405 for a method not listed. */
export const unroutedResponses = byStatus({
  ...everyRequest,
  ...everyPost,
  '404': responseRef('NotFound'),
  '405': responseRef('MethodNotAllowed'),
});

export function jsonBody(description: string, schema: JsonSchema, required = true): RequestBody {
  return { description, required, content: { 'application/json': { schema } } };
}

/** Status codes are three digits: plain comparison orders them without loading ICU's collator. */
function byStatus<T extends Responses>(responses: T): T {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => (a < b ? -1 : 1))) as T;
}
