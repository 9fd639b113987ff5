import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { loadManifest, loadPolicy } from '../../src/remote/load-remote.js';
import {
  answerHeadersOnly,
  declareLengthOnly,
  type DocumentServer,
  neverAnswer,
  requireBasicAuth,
  serveEndlessBody,
  serveFile,
  serveText,
  startDocumentServer,
} from './fixtures/document-server.js';
import {
  referenceManifest,
  referenceManifestPath,
  referencePolicy,
  referencePolicyPath,
} from './fixtures/reference-documents.js';
import { rejection } from './fixtures/rejection.js';

const options = { timeoutMs: 2000, maxBytes: 64 * 1024 };
const exactBody = '{"releases": ["1.0.0"]}'.padEnd(1024, ' ');

describe('loading the policy and manifest over HTTP', () => {
  let server: DocumentServer;
  const at = (path: string): string => `${server.baseUrl}${path}`;
  const host = (): string => server.baseUrl.slice('http://'.length);

  before(async () => {
    server = await startDocumentServer({
      '/upgrade-policy.json': serveFile(referencePolicyPath),
      '/runtime-manifest.json': serveFile(referenceManifestPath),
      '/exact.json': serveText(exactBody),
      '/declared-large.json': declareLengthOnly(4096),
      '/endless.json': serveEndlessBody,
      '/hang.json': neverAnswer,
      '/stalled-body.json': answerHeadersOnly,
      '/broken.json': serveText('<html>Bad gateway</html>'),
      '/wrong-shape.json': serveText('{"releases": "3.3.0"}'),
      '/private/policy.json': requireBasicAuth('alice', 's3cr@t', serveFile(referencePolicyPath)),
    });
  });

  after(async () => {
    await server.close();
  });

  it('reads the reference policy', async () => {
    const policy = await loadPolicy(at('/upgrade-policy.json'), options);

    expect(policy).to.deep.equal(await referencePolicy());
  });

  it('reads the reference manifest', async () => {
    const manifest = await loadManifest(at('/runtime-manifest.json'), options);

    expect(manifest).to.deep.equal(referenceManifest);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const policy = await loadPolicy(at('/exact.json'), { ...options, maxBytes: 1024 });

    expect(policy).to.deep.equal({ releases: ['1.0.0'], breakpoints: [], stopPoints: [] });
  });

  it('sends URL credentials as Basic auth', async () => {
    const password = encodeURIComponent('s3cr@t');
    const source = `http://alice:${password}@${host()}/private/policy.json`;

    const policy = await loadPolicy(source, options);

    expect(policy).to.deep.equal(await referencePolicy());
  });

  const failures: [string, string, Partial<typeof options>, string][] = [
    ['a 404', '/missing.json', {}, 'HTTP 404 Not Found'],
    ['a server that never answers', '/hang.json', { timeoutMs: 200 }, 'timed out after 200 ms'],
    ['a body that stalls', '/stalled-body.json', { timeoutMs: 200 }, 'timed out after 200 ms'],
    [
      // The body never comes, so only the header check can fail this before the timeout.
      'a declared Content-Length over maxBytes',
      '/declared-large.json',
      { maxBytes: 1024 },
      'larger than the limit of 1024 bytes',
    ],
    [
      'an endless body without Content-Length',
      '/endless.json',
      { maxBytes: 1024 },
      'larger than the limit of 1024 bytes',
    ],
    [
      'a body one byte over maxBytes',
      '/exact.json',
      { maxBytes: 1023 },
      'larger than the limit of 1023 bytes',
    ],
  ];

  for (const [name, path, overrides, reason] of failures) {
    it(`refuses ${name} with *_FETCH_FAILED`, async () => {
      const fetchOptions = { ...options, ...overrides };

      const policyError = await rejection(() => loadPolicy(at(path), fetchOptions));
      const manifestError = await rejection(() => loadManifest(at(path), fetchOptions));

      expect(policyError.code).to.equal('POLICY_FETCH_FAILED');
      expect(policyError.message).to.equal(
        `Could not fetch the policy from ${at(path)}: ${reason}`,
      );
      expect(manifestError.code).to.equal('MANIFEST_FETCH_FAILED');
      expect(manifestError.message).to.contain(reason);
    });
  }

  it('reports a refused connection', async () => {
    const source = `http://127.0.0.1:${await unusedPort()}/policy.json`;

    const error = await rejection(() => loadPolicy(source, options));

    expect(error.code).to.equal('POLICY_FETCH_FAILED');
    expect(error.message).to.contain('ECONNREFUSED');
  });

  it('keeps credentials and the query out of the message', async () => {
    const source = `http://alice:wrong-pass@${host()}/private/policy.json?token=t0ps3cret`;

    const error = await rejection(() => loadPolicy(source, options));

    expect(error.code).to.equal('POLICY_FETCH_FAILED');
    expect(error.message).to.equal(
      `Could not fetch the policy from http://***@${host()}/private/policy.json: HTTP 401 Unauthorized`,
    );
  });

  it('refuses credentials with broken percent-encoding without echoing them', async () => {
    const source = `http://al%zzice:pw@${host()}/private/policy.json`;

    const error = await rejection(() => loadManifest(source, options));

    expect(error.code).to.equal('MANIFEST_FETCH_FAILED');
    expect(error.message).to.contain('http://***@127.0.0.1');
    expect(error.message).not.to.contain('zz');
  });

  it('refuses a body that is not JSON with *_INVALID_JSON', async () => {
    const policyError = await rejection(() => loadPolicy(at('/broken.json'), options));
    const manifestError = await rejection(() => loadManifest(at('/broken.json'), options));

    expect(policyError.code).to.equal('POLICY_INVALID_JSON');
    expect(manifestError.code).to.equal('MANIFEST_INVALID_JSON');
    expect(manifestError.message).to.equal(
      `The runtime manifest from ${at('/broken.json')} is not valid JSON`,
    );
  });

  it('names the source and the field of a wrongly shaped policy', async () => {
    const error = await rejection(() => loadPolicy(at('/wrong-shape.json'), options));

    expect(error.code).to.equal('POLICY_INVALID_JSON');
    expect(error.message).to.equal(
      `The policy from ${at('/wrong-shape.json')} has invalid fields: releases must be an array (was string)`,
    );
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
