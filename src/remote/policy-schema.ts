import { type } from 'arktype';
import type { Breakpoint, Policy } from '../policy/types.js';
import { invalidDocument } from './document-kind.js';
import { describeProblems } from './schema-problems.js';

// Versions stay plain strings: planning skips malformed releases rather than refusing the policy.
const breakpointJson = type({ version: 'string', reason: 'string', 'docs?': 'string' });

// Undeclared keys (arch_support, future fields) are ignored, arktype's default.
const policyJson = type({
  'schema_version?': 'number',
  releases: 'string[]',
  'latest?': 'string',
  'dashboard_max?': 'string',
  'updater_api_init_version?': 'string',
  'breakpoints?': breakpointJson.array(),
  'stop_points?': breakpointJson.array(),
});

type PolicyJson = typeof policyJson.infer;
type BreakpointJson = typeof breakpointJson.infer;

/** Throws POLICY_INVALID_JSON naming the offending fields; `where` names the source. */
export function parsePolicy(json: unknown, where?: string): Policy {
  const checked = policyJson(json);
  if (checked instanceof type.errors) {
    throw invalidDocument('policy', where, `has invalid fields: ${describeProblems(checked)}`);
  }
  return toPolicy(checked);
}

function toPolicy(json: PolicyJson): Policy {
  return {
    releases: json.releases,
    breakpoints: (json.breakpoints ?? []).map(toBreakpoint),
    stopPoints: (json.stop_points ?? []).map(toBreakpoint),
    ...(json.latest === undefined ? {} : { latest: json.latest }),
    ...(json.dashboard_max === undefined ? {} : { dashboardMax: json.dashboard_max }),
    ...(json.updater_api_init_version === undefined
      ? {}
      : { updaterApiInitVersion: json.updater_api_init_version }),
  };
}

function toBreakpoint({ version, reason, docs }: BreakpointJson): Breakpoint {
  return docs === undefined ? { version, reason } : { version, reason, docs };
}
