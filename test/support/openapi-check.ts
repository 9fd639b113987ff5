import addFormats from 'ajv-formats';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../src/api/openapi/document.js';
import type {
  HttpMethod,
  OpenApiDocument,
  Reference,
  ResponseObject,
} from '../../src/api/openapi/openapi-types.js';

/** One request and the response it got, as the client saw them. */
export interface Exchange {
  method: string;
  /** The request target; a query string is ignored. */
  path: string;
  status: number;
  contentType: string | undefined;
  /** Parsed JSON for a JSON response, the text otherwise. */
  body: unknown;
}

const documentId = 'openapi.json';

interface Located {
  label: string;
  response: ResponseObject;
  /** JSON pointer tokens of the response object inside the document. */
  at: string[];
}

/** Checks exchanges against an OpenAPI 3.1 document; the schemas are compiled with ajv. */
export class OpenApiChecker {
  readonly document: OpenApiDocument;
  readonly #ajv: Ajv2020;

  constructor(document: OpenApiDocument = openApiDocument) {
    this.document = document;
    // strictRequired would refuse `required` in anyOf/oneOf/then branches naming properties the
    // parent schema defines, which is how alternatives are written.
    this.#ajv = new Ajv2020({
      strict: true,
      strictRequired: false,
      allErrors: true,
      allowUnionTypes: true,
    });
    addFormats.default(this.#ajv);
    // ajv compiles the document's root to resolve a pointer into it: its fields are not keywords.
    this.#ajv.addVocabulary(Object.keys(document));
    this.#ajv.addSchema(document, documentId);
  }

  /** Why the exchange does not match the document, or undefined when it does. */
  violation(exchange: Exchange): string | undefined {
    const located = this.#locate(exchange);
    return typeof located === 'string' ? located : this.#bodyViolation(exchange, located);
  }

  /** The schema at these pointer tokens, compiled with its `$ref`s resolved; throws if one is not. */
  validator(tokens: readonly string[]): ValidateFunction {
    const validate = this.#ajv.getSchema(`${documentId}#${pointer(tokens)}`);
    if (validate === undefined) throw new Error(`No schema at ${pointer(tokens)}`);
    return validate;
  }

  /** The object at these pointer tokens, or undefined. */
  resolve(tokens: readonly string[]): unknown {
    let node: unknown = this.document;
    for (const token of tokens) {
      if (typeof node !== 'object' || node === null || !(token in node)) return undefined;
      node = (node as Record<string, unknown>)[token];
    }
    return node;
  }

  #locate(exchange: Exchange): Located | string {
    const method = exchange.method.toLowerCase() as HttpMethod;
    const path = normalisePath(exchange.path);
    const template = this.#matchPath(path);
    const operation = template === undefined ? undefined : this.document.paths[template]?.[method];
    const label = `${exchange.method.toUpperCase()} ${exchange.path} → ${exchange.status}`;
    if (template === undefined || operation === undefined) {
      return this.#unrouted(exchange.status, label, template !== undefined);
    }
    const at = ['paths', template, method, 'responses', String(exchange.status)];
    const documented = Object.keys(operation.responses).join(', ');
    const where = `${method.toUpperCase()} ${template}`;
    const undocumented = `status ${exchange.status} is not documented for ${where}`;
    return this.#follow(at, label) ?? `${label}: ${undocumented} (documented: ${documented})`;
  }

  /** Only the answers the app gives before routing, and 404 or 405 for the route itself. */
  #unrouted(status: number, label: string, pathKnown: boolean): Located | string {
    const impossible = pathKnown ? 404 : 405;
    const located =
      status === impossible
        ? undefined
        : this.#follow(['x-unrouted-responses', String(status)], label);
    const what = pathKnown ? 'this method on a documented path' : 'this path';
    return located ?? `${label}: ${what} is not documented, and ${status} is no answer for it`;
  }

  #follow(at: string[], label: string): Located | undefined {
    const found = this.resolve(at) as ResponseObject | Reference | undefined;
    if (found === undefined || !('$ref' in found)) {
      return found === undefined ? undefined : { label, response: found, at };
    }
    const target = refTokens(found.$ref);
    const response = this.resolve(target) as ResponseObject | undefined;
    if (response === undefined) throw new Error(`Unresolvable $ref ${found.$ref}`);
    return { label, response, at: target };
  }

  #bodyViolation(exchange: Exchange, { label, response, at }: Located): string | undefined {
    const mediaType = (exchange.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const content = response.content ?? {};
    if (!(mediaType in content)) {
      const documented = Object.keys(content).join(', ') || 'no body';
      return `${label}: content type "${mediaType}" is not documented (documented: ${documented})`;
    }
    const validate = this.validator([...at, 'content', mediaType, 'schema']);
    if (validate(exchange.body)) return undefined;
    const errors = this.#ajv.errorsText(validate.errors, { separator: '\n  ', dataVar: 'body' });
    const mismatch = `${label} ${mediaType} does not match the OpenAPI document (#${pointer(at)})`;
    return `${mismatch}:\n  ${errors}\nbody: ${preview(exchange.body)}`;
  }

  #matchPath(path: string): string | undefined {
    const templates = Object.keys(this.document.paths);
    return templates.includes(path) ? path : templates.find((t) => templatePattern(t).test(path));
  }
}

let shared: OpenApiChecker | undefined;

/** The checker of the daemon's own document, built once. */
export function apiChecker(): OpenApiChecker {
  shared ??= new OpenApiChecker();
  return shared;
}

export function expectDocumented(exchange: Exchange, checker = apiChecker()): void {
  const violation = checker.violation(exchange);
  if (violation !== undefined) throw new Error(violation);
}

/**
 * For tests against a running daemon: `body` is what was read from the response, parsed when
 * it is JSON. The path comes from `response.url`.
 */
export function expectFetchDocumented(method: string, response: Response, body: unknown): void {
  if (response.url === '') throw new Error('The response has no URL: it did not come from fetch');
  const url = new URL(response.url);
  expectDocumented({
    method,
    path: `${url.pathname}${url.search}`,
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    body,
  });
}

function normalisePath(target: string): string {
  const path = target.split('?')[0] ?? '';
  // The routers are not strict about a trailing slash.
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\{[^}]+\}/g, '[^/]+')}$`);
}

function pointer(tokens: readonly string[]): string {
  const escaped = tokens.map((t) =>
    encodeURIComponent(t.replaceAll('~', '~0').replaceAll('/', '~1')),
  );
  return `/${escaped.join('/')}`;
}

/** The pointer tokens of a `$ref` inside the document. */
export function refTokens(ref: string): string[] {
  const tokens = ref.replace(/^#\//, '').split('/');
  return tokens.map((t) => decodeURIComponent(t).replaceAll('~1', '/').replaceAll('~0', '~'));
}

function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  return text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} characters)` : text;
}
