import type Router from '@koa/router';
import { expect } from 'chai';
import type Koa from 'koa';
import request from 'supertest';
import { openApiDocument } from '../../src/api/openapi/document.js';
import type { Operation } from '../../src/api/openapi/openapi-types.js';
import { parseRestoreRequest, parseUpgradeRequest } from '../../src/api/request-schemas.js';
import { apiChecker, refTokens } from '../support/openapi-check.js';
import { createHarness, type Harness } from './api-harness.js';

const doc = openApiDocument;

function operations(): { key: string; path: string; method: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      method,
      operation,
    })),
  );
}

/** `METHOD /path` for every route the routers mounted on the app answer (HEAD comes with GET). */
function servedRoutes(app: Koa): string[] {
  return app.middleware.flatMap((middleware) => {
    const router = (middleware as { router?: Router }).router;
    return (router?.stack ?? []).flatMap((layer) =>
      layer.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => `${method} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
    );
  });
}

/** Every `$ref` in the document, wherever it is. */
function refsIn(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
  );
}

/** Pointer tokens of every schema in the document: components, bodies, parameters, responses. */
function schemaLocations(): string[][] {
  const json = ['content', 'application/json', 'schema'];
  const components = Object.keys(doc.components.schemas).map((n) => ['components', 'schemas', n]);
  const responses = Object.keys(doc.components.responses).map((n) => [
    'components',
    'responses',
    n,
    ...json,
  ]);
  return [...components, ...responses, ...operations().flatMap(operationSchemas)];
}

function operationSchemas({
  path,
  method,
  operation,
}: {
  path: string;
  method: string;
  operation: Operation;
}) {
  const at = ['paths', path, method];
  const content = (tokens: string[], types: object | undefined) =>
    Object.keys(types ?? {}).map((type) => [...at, ...tokens, 'content', type, 'schema']);
  return [
    ...content(['requestBody'], operation.requestBody?.content),
    ...(operation.parameters ?? []).map((_, i) => [...at, 'parameters', String(i), 'schema']),
    ...Object.entries(operation.responses).flatMap(([status, response]) =>
      content(['responses', status], '$ref' in response ? undefined : response.content),
    ),
  ];
}

describe('GET /openapi.json', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('serves the document, without a token even when one is configured', async () => {
    h = await createHarness({ apiToken: 'a-long-enough-test-token-0123456789' });

    const res = await request(h.server).get('/openapi.json').expect(200);

    expect(res.type).to.equal('application/json');
    expect(res.body).to.deep.equal(JSON.parse(JSON.stringify(doc)));
  });

  it('refuses a source outside the allow list, as every route does', async () => {
    h = await createHarness({ allowedSources: ['10.0.0.0/8'] });

    const res = await request(h.server).get('/openapi.json').expect(403);

    expect(res.body.code).to.equal('FORBIDDEN_SOURCE');
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a title and a version', () => {
    expect({ openapi: doc.openapi, title: doc.info.title }).to.deep.equal({
      openapi: '3.1.0',
      title: 'payram-updater',
    });
    expect(doc.info.version).to.match(/^\d+\.\d+\.\d+$/);
  });

  it('documents exactly the routes the app serves', async () => {
    const h = await createHarness();
    try {
      const served = servedRoutes(h.app).sort();
      const documented = operations()
        .map((o) => o.key)
        .sort();

      expect(served).to.deep.equal(documented);
      expect(served).to.include('GET /openapi.json');
    } finally {
      await h.close();
    }
  });

  it('gives every operation a unique id, a tag and described responses', () => {
    const ids = operations().map((o) => o.operation.operationId);
    const lacking = operations().filter(({ operation }) => {
      const responses = Object.values(operation.responses);
      const described = responses.every((r) => '$ref' in r || r.description.length > 0);
      return operation.tags.length === 0 || responses.length === 0 || !described;
    });

    expect(new Set(ids).size).to.equal(ids.length);
    expect(lacking.map((o) => o.key)).to.deep.equal([]);
  });

  it('asks for the bearer token on every POST and on nothing else', () => {
    const guarded = operations().filter((o) => o.operation.security !== undefined);

    expect(guarded.map((o) => o.key)).to.deep.equal(
      operations()
        .filter((o) => o.method === 'post')
        .map((o) => o.key),
    );
    expect(guarded.map((o) => o.operation.security)).to.deep.equal(
      guarded.map(() => [{ bearerToken: [] }, {}]),
    );
  });

  it('resolves every $ref', () => {
    const checker = apiChecker();
    const refs = refsIn(doc);
    const unresolved = refs.filter((ref) => checker.resolve(refTokens(ref)) === undefined);

    expect(refs).to.include.members([
      '#/components/schemas/Job',
      '#/components/responses/Forbidden',
    ]);
    expect(unresolved).to.deep.equal([]);
  });

  it('compiles every schema with ajv in strict mode', () => {
    const checker = apiChecker();
    const failures = schemaLocations().flatMap((tokens) => {
      try {
        checker.validator(tokens);
        return [];
      } catch (error) {
        return [`${tokens.join(' ')}: ${String(error)}`];
      }
    });

    expect(schemaLocations()).to.deep.include([
      'paths',
      '/upgrade/status',
      'get',
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
    ]);
    expect(failures).to.deep.equal([]);
  });
});

describe('the request schemas of the OpenAPI document', () => {
  const agrees = (schema: string, parse: (body: unknown) => unknown) => (body: object) => {
    const valid = apiChecker().validator(['components', 'schemas', schema])(body);
    let parsed = true;
    try {
      parse(body);
    } catch {
      parsed = false;
    }
    return { documented: valid, accepted: parsed };
  };

  // Case variants of mode and aliases that disagree are refused or accepted by the parser
  // beyond what a schema can say; the description names them.
  const upgrade: [object, boolean][] = [
    [{ mode: 'MANUAL', requested_target: '1.9.0' }, true],
    [{ mode: 'DASHBOARD', requestedTarget: 'latest', currentVersion: '1.7.9' }, true],
    [{ mode: 'DASHBOARD', requested_target: '1.9.0', current_version: '', source: 'x' }, true],
    [{ mode: 'DASHBOARD', requested_target: '1.9.0', extra: 1 }, true],
    [{ mode: 'MANUAL' }, false],
    [{ requested_target: '1.9.0' }, false],
    [{ mode: 'AUTO', requested_target: '1.9.0' }, false],
    [{ mode: 'MANUAL', requested_target: '../etc' }, false],
    [{ mode: 'MANUAL', requested_target: '1.9.0', current_version: '`id`' }, false],
    [{ mode: 'MANUAL', requested_target: 190 }, false],
  ];
  for (const [body, expected] of upgrade) {
    it(`UpgradeRequest and the parser agree on ${JSON.stringify(body)}`, () => {
      const verdict = agrees('UpgradeRequest', parseUpgradeRequest)(body);
      expect(verdict).to.deep.equal({ documented: expected, accepted: expected });
    });
  }

  // The parser leaves `confirm` to the restore itself, which refuses without it.
  const restore: [object, boolean, boolean][] = [
    [{ id: 'b-1', confirm: true }, true, true],
    [{ file: 'payram.dump', confirm: true }, true, true],
    [{ id: 'b-1' }, false, true],
    [{ id: 'b-1', file: 'payram.dump', confirm: true }, false, false],
    [{ confirm: true }, false, false],
    [{ id: '', confirm: true }, false, false],
  ];
  for (const [body, documented, accepted] of restore) {
    it(`RestoreRequest and the parser agree on ${JSON.stringify(body)}`, () => {
      const verdict = agrees('RestoreRequest', parseRestoreRequest)(body);
      expect(verdict).to.deep.equal({ documented, accepted });
    });
  }
});
