import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { loadManifest, loadPolicy } from '../../src/remote/load-remote.js';
import { rejection } from './fixtures/rejection.js';
import { referenceManifest, referencePolicy } from './fixtures/reference-documents.js';

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const options = { timeoutMs: 2000, maxBytes: 64 * 1024 };

describe('loading the policy and manifest from files', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'remote-file-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeDocument(name: string, content: string | Buffer): Promise<string> {
    const filePath = path.join(dir, name);
    await writeFile(filePath, content);
    return filePath;
  }

  it('reads the reference policy by absolute path', async () => {
    const policy = await loadPolicy(path.join(fixtures, 'reference-upgrade-policy.json'), options);

    expect(policy).to.deep.equal(await referencePolicy());
  });

  it('reads the reference manifest by absolute path', async () => {
    const source = path.join(fixtures, 'reference-runtime-manifest.json');

    expect(await loadManifest(source, options)).to.deep.equal(referenceManifest);
  });

  it('resolves a relative path against baseDir', async () => {
    const manifest = await loadManifest('data/runtime-manifest.json', {
      ...options,
      baseDir: repoRoot,
    });

    expect(manifest.image).to.deep.equal({ repo: 'payramapp/payram' });
  });

  it('resolves a relative path climbing out of baseDir', async () => {
    await mkdir(path.join(dir, 'nested'), { recursive: true });
    await writeDocument('relative.json', '{"releases": ["1.0.0"]}');

    const policy = await loadPolicy('../relative.json', {
      ...options,
      baseDir: path.join(dir, 'nested'),
    });

    expect(policy).to.deep.equal({ releases: ['1.0.0'], breakpoints: [], stopPoints: [] });
  });

  it('reads a file:// URL', async () => {
    const filePath = await writeDocument(
      'from url.json',
      '{"image": {"repo": "payramapp/payram"}}',
    );

    const manifest = await loadManifest(pathToFileURL(filePath).href, options);

    expect(manifest).to.deep.equal(referenceManifest);
  });

  it('accepts a file of exactly maxBytes and strips a byte-order mark', async () => {
    const body = Buffer.from('\uFEFF{"releases": []}'.padEnd(100, ' '));
    const filePath = await writeDocument('exact.json', body);

    const policy = await loadPolicy(filePath, { ...options, maxBytes: body.length });

    expect(policy).to.deep.equal({ releases: [], breakpoints: [], stopPoints: [] });
  });

  const unreadable: [string, () => Promise<string>, string][] = [
    ['a missing file', () => Promise.resolve(path.join(dir, 'absent.json')), 'no such file'],
    ['a directory', () => Promise.resolve(dir), 'is a directory'],
    [
      'a path through a file',
      () => writeDocument('plain', '{}').then((p) => `${p}/x.json`),
      'no such file',
    ],
    [
      'a FIFO (without blocking on it)',
      () => makeFifo(path.join(dir, 'fifo')),
      'not a regular file',
    ],
    [
      'a file over maxBytes',
      () => writeDocument('big.json', ' '.repeat(101)),
      'larger than the limit of 100 bytes',
    ],
  ];

  for (const [name, makeSource, reason] of unreadable) {
    it(`refuses ${name} with POLICY_FETCH_FAILED`, async () => {
      const source = await makeSource();

      const error = await rejection(() => loadPolicy(source, { ...options, maxBytes: 100 }));

      expect(error.code).to.equal('POLICY_FETCH_FAILED');
      expect(error.message).to.equal(`Could not fetch the policy from ${source}: ${reason}`);
    });
  }

  it('refuses a missing manifest with MANIFEST_FETCH_FAILED', async () => {
    const error = await rejection(() => loadManifest('absent.json', { ...options, baseDir: dir }));

    expect(error.code).to.equal('MANIFEST_FETCH_FAILED');
    expect(error.message).to.contain(path.join(dir, 'absent.json'));
  });

  const unsupported = [
    'ftp://alice:s3cret@example.com/policy.json',
    'javascript:alert(1)',
    'data:application/json,{}',
  ];
  for (const source of unsupported) {
    it(`refuses the unsupported source ${source.split(':')[0] ?? ''}:`, async () => {
      const error = await rejection(() => loadPolicy(source, options));

      expect(error.code).to.equal('POLICY_FETCH_FAILED');
      expect(error.message).to.contain('unsupported source');
      expect(error.message).not.to.contain('s3cret');
    });
  }

  it('refuses an empty source', async () => {
    const error = await rejection(() => loadManifest('  ', options));

    expect(error.code).to.equal('MANIFEST_FETCH_FAILED');
    expect(error.message).to.contain('no source configured');
  });

  const unparsable: [string, string | Buffer, string][] = [
    ['invalid JSON', '{"releases": [', 'is not valid JSON'],
    ['an empty file', '\n', 'is empty'],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'is not UTF-8 text'],
  ];

  for (const [name, content, problem] of unparsable) {
    it(`refuses ${name} with POLICY_INVALID_JSON and MANIFEST_INVALID_JSON`, async () => {
      const filePath = await writeDocument('unparsable.json', content);

      const policyError = await rejection(() => loadPolicy(filePath, options));
      const manifestError = await rejection(() => loadManifest(filePath, options));

      expect(policyError.code).to.equal('POLICY_INVALID_JSON');
      expect(policyError.message).to.equal(`The policy from ${filePath} ${problem}`);
      expect(manifestError.code).to.equal('MANIFEST_INVALID_JSON');
      expect(manifestError.message).to.equal(`The runtime manifest from ${filePath} ${problem}`);
    });
  }

  it('names the file and the field of a wrongly shaped manifest', async () => {
    const filePath = await writeDocument(
      'ports.json',
      '{"image": {"repo": "a"}, "defaults": {"ports": ["x"]}}',
    );

    const error = await rejection(() => loadManifest(filePath, options));

    expect(error.code).to.equal('MANIFEST_INVALID_JSON');
    expect(error.message).to.contain(
      `The runtime manifest from ${filePath} has invalid fields: defaults.ports[0] must be`,
    );
  });
});

async function makeFifo(fifoPath: string): Promise<string> {
  await rm(fifoPath, { force: true });
  execFileSync('mkfifo', [fifoPath]);
  return fifoPath;
}
