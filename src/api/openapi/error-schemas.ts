import type { ErrorCode } from '../../shared/failure-codes.js';
import { httpStatusFor } from '../http-status.js';
import {
  closed,
  nonEmptyText,
  oneOfValues,
  openObject,
  ref,
  type JsonSchema,
} from './json-schema.js';
import { json, type ResponseName, type ResponseObject } from './openapi-types.js';
import { errorCodes, failureCodes } from './vocabularies.js';

export const errorSchemas = {
  ErrorCode: oneOfValues(errorCodes, 'Stable: clients and recovery playbooks are keyed by it.'),
  FailureCode: oneOfValues(failureCodes, 'The codes an upgrade job can end FAILED with.'),
  Error: openObject({ error: nonEmptyText, code: ref('ErrorCode') }),
} satisfies Record<string, JsonSchema>;

/**
 * The codes the error middleware answers with this status. A 500 may carry any code: an
 * unexpected error, or a failure that has no status of its own.
 */
export function codesAnsweredWith(status: number): readonly ErrorCode[] {
  return status === 500 ? errorCodes : errorCodes.filter((code) => httpStatusFor(code) === status);
}

/** A body that is an error of this status: `base` (the error shape by default) and nothing more. */
export function errorBody(status: number, base: JsonSchema = ref('Error')): JsonSchema {
  const code = { type: 'string', enum: codesAnsweredWith(status) } as const;
  return closed(base, { type: 'object', properties: { code } });
}

function error(status: number, description: string): ResponseObject {
  return json(description, errorBody(status));
}

export const errorResponses = {
  BadRequest: error(400, 'The request is malformed or its values are invalid; nothing changed.'),
  Unauthorized: {
    ...error(401, 'A bearer token is configured (UPDATER_API_TOKEN) and was missing or wrong.'),
    headers: {
      'WWW-Authenticate': { description: 'Always `Bearer`.', schema: { const: 'Bearer' } },
    },
  },
  Forbidden: error(403, 'The request came from a network outside the allowed sources.'),
  NotFound: error(404, 'There is nothing at this path, or nothing of this kind yet.'),
  MethodNotAllowed: error(405, 'The path exists but does not take this method.'),
  Conflict: error(409, 'Another job holds the lock, or there is nothing to act on.'),
  PayloadTooLarge: error(413, 'The body exceeds the configured limit.'),
  UnsupportedMediaType: error(415, 'A body was sent that is not application/json.'),
  Unprocessable: error(422, 'Understood and refused: by policy or by what was observed.'),
  BadGateway: error(502, 'The release policy or the runtime manifest could not be had.'),
  InternalError: error(500, 'An unexpected error, logged by the updater; or a failed operation.'),
} satisfies Record<ResponseName, ResponseObject>;
