export type LeaseKind = 'upgrade' | 'backup' | 'restore' | 'recover';

export interface Lease {
  readonly kind: LeaseKind;
  readonly holder: string;
  release(): void;
}

/**
 * The one lock that keeps every job phase, backups and restores exclusive. Acquiring is
 * synchronous: the check and the claim happen in the same turn of the event loop, so two
 * requests can never both see it free (the race the Go updater had).
 */
export class JobLock {
  #lease: Lease | undefined;

  tryAcquire(kind: LeaseKind, holder: string): Lease | undefined {
    if (this.#lease !== undefined) return undefined;
    const lease: Lease = {
      kind,
      holder,
      release: () => {
        // A second release of the same lease must not free a lock someone else now holds.
        if (this.#lease === lease) this.#lease = undefined;
      },
    };
    this.#lease = lease;
    return lease;
  }

  get current(): Pick<Lease, 'kind' | 'holder'> | undefined {
    return this.#lease;
  }
}
