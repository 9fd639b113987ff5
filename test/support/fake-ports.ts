import type { DocumentSource, TargetInspector, TargetObservation } from '../../src/jobs/ports.js';
import type { Manifest, Policy } from '../../src/policy/types.js';

/**
 * In-memory stand-ins for the policy/manifest source and the Docker inspector. The real
 * adapters are tested on their own (test/remote) and against a real engine (integration/).
 */
export class FakeDocuments implements DocumentSource {
  policy: () => Promise<Policy>;
  manifest: () => Promise<Manifest>;

  constructor(policy: Policy, manifest: Manifest) {
    this.policy = () => Promise.resolve(policy);
    this.manifest = () => Promise.resolve(manifest);
  }

  loadPolicy(): Promise<Policy> {
    return this.policy();
  }

  loadManifest(): Promise<Manifest> {
    return this.manifest();
  }
}

export class FakeInspector implements TargetInspector {
  constructor(
    public observation: TargetObservation = {
      kind: 'not-found',
      reason: 'no container named payram',
    },
  ) {}

  observe(): Promise<TargetObservation> {
    return Promise.resolve(this.observation);
  }
}

/** A promise the test resolves when it chooses: holds a job in a phase. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const tenReleasePolicy: Policy = {
  latest: '1.12.0',
  releases: [
    '1.12.0',
    '1.11.0',
    '1.10.1',
    '1.10.0',
    '1.9.1',
    '1.9.0',
    '1.8.1',
    '1.8.0',
    '1.7.9',
    '1.7.8',
  ],
  breakpoints: [
    {
      version: '1.8.0',
      reason: 'Breaking change: manual step required',
      docs: 'https://docs.example.com/1.8',
    },
    {
      version: '1.10.0',
      reason: 'Breaking database migration',
      docs: 'https://docs.example.com/1.10',
    },
  ],
  stopPoints: [],
  dashboardMax: '1.12.0',
};

export const testManifest: Manifest = {
  image: { repo: 'payramapp/payram' },
  healthCheck: { endpoint: '/api/v1/health' },
};
