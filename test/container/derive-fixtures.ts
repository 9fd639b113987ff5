import { expect } from 'chai';

import type { ContainerSnapshot, ImageSnapshot } from '../../src/container/container-snapshot.js';
import type { ContainerSpec } from '../../src/container/container-spec.js';
import { deriveSpec, type DeriveSpecInput } from '../../src/container/derive-spec.js';
import { debianImage, plainSnapshot } from '../docker/fixtures/snapshots.js';

export const newPath = 'PATH=/opt/new/bin:/usr/bin:/bin';

/** The image the new container is created from: debian with a few defaults changed. */
export const newImage: ImageSnapshot = {
  id: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
  repoTags: ['debian:trixie-slim'],
  config: {
    ...debianImage.config,
    env: [newPath],
    labels: { 'io.payram.provision.source': 'debootstrap-minbase-trixie' },
  },
};

/** The plain captured container, edited. */
export function container(
  edit: (s: ContainerSnapshot) => void = () => undefined,
): ContainerSnapshot {
  const snapshot = structuredClone(plainSnapshot);
  edit(snapshot);
  return snapshot;
}

export function image(
  base: ImageSnapshot,
  edit: (config: ImageSnapshot['config']) => void,
): ImageSnapshot {
  const copy = structuredClone(base);
  edit(copy.config);
  return copy;
}

export function deriveInput(overrides: Partial<DeriveSpecInput> = {}): DeriveSpecInput {
  return {
    current: plainSnapshot,
    oldImage: debianImage,
    newImage,
    targetImage: 'debian:trixie-slim',
    createName: 'payram-next',
    overlay: {},
    portsOverride: undefined,
    ...overrides,
  };
}

export interface DeriveRow {
  name: string;
  input: Partial<DeriveSpecInput>;
  /** The part of the spec the rule decides. */
  pick: (spec: ContainerSpec) => unknown;
  expected: unknown;
  notes?: string[];
}

/**
 * Each row: the picked part of the spec and every note, compared whole. Rows upgrade to the
 * same image unless they say otherwise, so that only their own notes appear.
 */
export function runDeriveRows(rows: readonly DeriveRow[]): void {
  for (const row of rows) {
    it(row.name, () => {
      const { spec, notes } = deriveSpec(deriveInput({ newImage: debianImage, ...row.input }));

      expect({ value: row.pick(spec), notes }).to.deep.equal({
        value: row.expected,
        notes: row.notes ?? [],
      });
    });
  }
}
