/** The release policy and runtime manifest as the domain sees them, whatever their JSON spelling. */

export interface Breakpoint {
  version: string;
  reason: string;
  docs?: string;
}

export interface Policy {
  latest?: string;
  releases: readonly string[];
  breakpoints: readonly Breakpoint[];
  /** Behave like breakpoints; published separately by Payram. */
  stopPoints: readonly Breakpoint[];
  dashboardMax?: string;
  /** Cores older than this have no /api/v1 endpoints. */
  updaterApiInitVersion?: string;
}

/** `host:container[/proto]`, host optionally prefixed with an IP: `127.0.0.1:8080:8080`. */
export type PortMapping = string;

export interface RuntimeOverlay {
  ports?: readonly PortMapping[];
  /** `source:destination[:options]`, as `docker run -v` takes them. */
  volumes?: readonly string[];
  env?: Readonly<Record<string, string>>;
  restartPolicy?: string;
}

export interface Manifest {
  image: { repo: string };
  healthCheck: { endpoint: string };
  defaults?: RuntimeOverlay;
  /** Keyed by exact version. */
  overrides?: Readonly<Record<string, RuntimeOverlay>>;
}

export type UpgradeMode = 'DASHBOARD' | 'MANUAL';

export const defaultHealthEndpoint = '/api/v1/health';
