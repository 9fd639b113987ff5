import type { JsonSchema, SchemaName } from './json-schema.js';

/** The part of OpenAPI 3.1 the document uses. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: readonly { name: string; description: string }[];
  paths: Readonly<Record<string, PathItem>>;
  components: {
    schemas: Readonly<Record<SchemaName, JsonSchema>>;
    responses: Readonly<Record<ResponseName, ResponseObject>>;
    securitySchemes: Readonly<Record<string, SecurityScheme>>;
  };
  /** What a request that matches no operation may get back: see the description in `info`. */
  'x-unrouted-responses': Readonly<Record<string, Reference>>;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch';

export type PathItem = Readonly<Partial<Record<HttpMethod, Operation>>>;

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  parameters?: readonly Parameter[];
  requestBody?: RequestBody;
  /** An empty requirement next to the token: the token is needed only when one is configured. */
  security?: readonly Readonly<Record<string, readonly string[]>>[];
  responses: Readonly<Record<string, ResponseObject | Reference>>;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface RequestBody {
  description: string;
  required: boolean;
  content: Content;
}

export interface ResponseObject {
  description: string;
  headers?: Readonly<Record<string, { description: string; schema: JsonSchema }>>;
  content?: Content;
}

export type Content = Readonly<Record<string, { schema: JsonSchema }>>;

export interface Reference {
  $ref: string;
}

export interface SecurityScheme {
  type: 'http';
  scheme: 'bearer';
  description: string;
}

/** Every name under components.responses. */
export type ResponseName =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'Conflict'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'Unprocessable'
  | 'BadGateway'
  | 'InternalError';

export function responseRef(name: ResponseName): Reference {
  return { $ref: `#/components/responses/${name}` };
}

export function json(description: string, schema: JsonSchema): ResponseObject {
  return { description, content: { 'application/json': { schema } } };
}
