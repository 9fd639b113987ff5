import { expect } from 'chai';

import * as say from '../../src/policy/messages.js';
import type { PlanInput } from '../../src/policy/plan-upgrade.js';
import { planUpgrade } from '../../src/policy/plan-upgrade.js';
import type { Breakpoint, Policy } from '../../src/policy/types.js';
import {
  accepted,
  blocker,
  bp1100,
  bp180,
  failed,
  loadPolicy,
  observed,
  planInput,
  refused,
  runTable,
  tenReleases,
} from './plan-fixtures.js';

function refusalMessage(input: Partial<PlanInput>): string | undefined {
  const decision = planUpgrade(planInput(input));
  return decision.ok ? undefined : decision.message;
}

describe('planUpgrade messages', () => {
  it('words a breakpoint refusal like the SPEC example', () => {
    const breakpoint = {
      version: '1.2.3',
      reason: 'Breaking database schema changes',
      docs: 'https://docs.example.com/migration-guide',
    };
    const policy = { releases: ['1.2.3', '1.2.2'], breakpoints: [breakpoint], stopPoints: [] };

    const message = refusalMessage({
      policy,
      requestedTarget: '1.2.3',
      current: observed('1.2.2'),
    });

    expect(message).to.equal(
      'Dashboard upgrades to 1.2.3 are not allowed: Breaking database schema changes. ' +
        'See: https://docs.example.com/migration-guide',
    );
  });

  it('names the crossed breakpoint and the version it is crossed from', () => {
    const message = refusalMessage({ requestedTarget: '1.9.0', current: observed('1.7.9') });

    expect(message).to.equal(
      'Dashboard upgrades to 1.9.0 are not allowed: upgrading from 1.7.9 crosses breakpoint ' +
        '1.8.0 (Breaking change: manual step required before 1.8.0). ' +
        'See: https://docs.example.com/payram/upgrade-to-1.8.0',
    );
  });

  it('ends with the highest reachable release and leaves out See when there are no docs', () => {
    const undocumented = { version: bp1100.version, reason: bp1100.reason };
    const policy = { ...tenReleases, breakpoints: [bp180, undocumented] };

    const message = refusalMessage({
      policy,
      requestedTarget: '1.10.0',
      current: observed('1.9.0'),
    });

    expect(message).to.equal(
      'Dashboard upgrades to 1.10.0 are not allowed: Breaking database migration: ' +
        'run the manual migration guide before 1.10.0. ' +
        'The highest release the dashboard may reach is 1.9.1.',
    );
  });
});

describe('planUpgrade with stop points', () => {
  const stop190: Breakpoint = {
    version: '1.9.0',
    reason: 'Stop at 1.9.0 so the ledger reindex finishes',
  };
  const policy: Policy = { ...tenReleases, stopPoints: [stop190] };

  runTable([
    {
      name: 'refuses a dashboard upgrade that crosses a stop point',
      input: { policy, requestedTarget: '1.9.1', current: observed('1.8.0') },
      expected: refused(
        'MANUAL_UPGRADE_REQUIRED',
        say.crossingReason('1.8.0', blocker(stop190, 'stop point')),
        {
          target: '1.9.1',
          highest: '1.8.1',
          inTheWay: [stop190],
        },
      ),
    },
    {
      name: 'refuses a dashboard upgrade to a stop point',
      input: { policy, requestedTarget: '1.9.0', current: observed('1.8.1') },
      expected: refused(
        'MANUAL_UPGRADE_REQUIRED',
        say.blockerReason(blocker(stop190, 'stop point')),
        {
          target: '1.9.0',
          highest: undefined,
          inTheWay: [stop190],
        },
      ),
    },
    {
      name: 'allows the dashboard onward from a stop point',
      input: { policy, requestedTarget: '1.9.1', current: observed('1.9.0') },
      expected: accepted({ target: '1.9.1', highest: '1.9.1' }),
    },
    {
      name: 'orders breakpoints and stop points together in MANUAL mode',
      input: { policy, mode: 'MANUAL', requestedTarget: '1.10.1', current: observed('1.7.9') },
      expected: accepted({
        target: '1.10.1',
        highest: undefined,
        inTheWay: [bp180, stop190, bp1100],
        warnings: [
          say.blockerIgnoredWarning(blocker(bp180)),
          say.blockerIgnoredWarning(blocker(stop190, 'stop point')),
          say.blockerIgnoredWarning(blocker(bp1100)),
        ],
      }),
    },
  ]);
});

describe('planUpgrade with v-prefixed policy entries', () => {
  const bpV1100: Breakpoint = { version: 'v1.10.0', reason: 'Schema rewrite' };
  const policy: Policy = {
    latest: 'v1.11.0',
    releases: ['v1.11.0', 'v1.10.0', 'v1.9.0', 'v1.8.0'],
    breakpoints: [bpV1100],
    stopPoints: [],
    dashboardMax: 'v1.11.0',
  };

  runTable([
    {
      name: 'resolves latest to the published spelling and still sees the crossing',
      input: { policy, current: observed('1.8.0') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.crossingReason('1.8.0', blocker(bpV1100)), {
        target: 'v1.11.0',
        highest: 'v1.9.0',
        inTheWay: [bpV1100],
      }),
    },
    {
      name: 'matches a bare target to its v-prefixed release',
      input: { policy, requestedTarget: '1.9.0', current: observed('v1.8.0') },
      expected: accepted({ target: 'v1.9.0', highest: 'v1.9.0' }),
    },
    {
      name: 'matches a v-prefixed target to its bare release',
      input: { requestedTarget: 'V1.9.1', current: observed('v1.8.1') },
      expected: accepted({ target: '1.9.1', highest: '1.9.1' }),
    },
    {
      name: 'blocks a v-prefixed breakpoint reached by a bare target',
      input: { policy, requestedTarget: '1.10.0', current: observed('1.9.0') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.blockerReason(blocker(bpV1100)), {
        target: 'v1.10.0',
        highest: undefined,
        inTheWay: [bpV1100],
      }),
    },
  ]);
});

describe('planUpgrade with malformed policy entries', () => {
  const messy: Policy = {
    breakpoints: tenReleases.breakpoints,
    stopPoints: [],
    releases: ['not-a-version', '', '1.9', 'vv2.0.0', '01.2.3', ' 1.13.0', ...tenReleases.releases],
  };
  const badMax: Policy = { ...tenReleases, dashboardMax: 'soon' };
  const badBreakpoint: Policy = {
    ...tenReleases,
    breakpoints: [bp180, { version: '1.10', reason: 'x' }],
  };
  const empty: Policy = { releases: ['n/a', 'TBD'], breakpoints: [], stopPoints: [] };

  runTable([
    {
      name: 'ignores release strings that are not semver when resolving latest',
      input: { policy: messy, current: observed('1.10.0') },
      expected: accepted({ target: '1.12.0', highest: '1.12.0' }),
    },
    {
      name: 'refuses a target that is listed but not semver',
      input: { policy: messy, requestedTarget: 'not-a-version', current: observed('1.10.0') },
      expected: refused('TARGET_NOT_RELEASED', say.notReleasedReason('not-a-version'), {
        target: 'not-a-version',
        highest: '1.12.0',
      }),
    },
    {
      name: 'cannot resolve latest when no release is semver',
      input: { policy: empty, mode: 'MANUAL' },
      expected: failed('TARGET_NOT_RELEASED', say.noReleasesMessage(), {
        target: undefined,
        highest: undefined,
      }),
    },
    {
      name: 'refuses a dashboard upgrade when dashboard_max is not semver',
      input: { policy: badMax, requestedTarget: '1.9.1', current: observed('1.9.0') },
      expected: failed('POLICY_INVALID_JSON', say.malformedPolicyMessage('dashboard_max', 'soon'), {
        target: '1.9.1',
        highest: undefined,
      }),
    },
    {
      name: 'refuses a dashboard upgrade when a breakpoint version is not semver',
      input: { policy: badBreakpoint, requestedTarget: '1.9.1', current: observed('1.9.0') },
      expected: failed(
        'POLICY_INVALID_JSON',
        say.malformedPolicyMessage('breakpoints[1].version', '1.10'),
        { target: '1.9.1', highest: undefined },
      ),
    },
    {
      name: 'falls back to the highest release in MANUAL mode when latest is not semver',
      input: {
        policy: { ...tenReleases, latest: 'newest' },
        mode: 'MANUAL',
        current: observed('1.10.0'),
      },
      expected: accepted({
        target: '1.12.0',
        highest: undefined,
        warnings: [say.malformedPolicyWarning('latest', 'newest')],
      }),
    },
    {
      name: 'warns about a malformed breakpoint in MANUAL mode and goes on',
      input: {
        policy: badBreakpoint,
        mode: 'MANUAL',
        requestedTarget: '1.12.0',
        current: observed('1.9.0'),
      },
      expected: accepted({
        target: '1.12.0',
        highest: undefined,
        warnings: [say.malformedPolicyWarning('breakpoints[1].version', '1.10')],
      }),
    },
  ]);
});

describe('planUpgrade with the policy Payram publishes', () => {
  const payram = loadPolicy('./fixtures/payram-upgrade-policy.json');
  const bp200 = payram.breakpoints[0]!;

  runTable([
    {
      name: 'refuses 1.9.7 → 2.0.0, a breakpoint with no docs',
      input: { policy: payram, requestedTarget: '2.0.0', current: observed('1.9.7') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.blockerReason(blocker(bp200)), {
        target: '2.0.0',
        highest: undefined,
        inTheWay: [bp200],
      }),
    },
    {
      name: 'refuses latest from 1.9.0 and offers 1.9.7',
      input: { policy: payram, current: observed('1.9.0') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.crossingReason('1.9.0', blocker(bp200)), {
        target: '3.3.0',
        highest: '1.9.7',
        inTheWay: [bp200],
      }),
    },
    {
      name: 'allows latest from 2.0.0',
      input: { policy: payram, current: observed('2.0.0'), executionMode: 'execute' },
      expected: accepted({ target: '3.3.0', highest: '3.3.0' }),
    },
    {
      name: 'says 3.3.0 is already running',
      input: { policy: payram, current: observed('3.3.0') },
      expected: failed('ALREADY_ON_TARGET', say.alreadyOnTargetMessage('3.3.0'), {
        target: '3.3.0',
        highest: undefined,
      }),
    },
    {
      name: 'resolves latest with the current version unknown in a dry run',
      input: { policy: payram },
      expected: accepted({
        target: '3.3.0',
        highest: '1.9.7',
        warnings: [
          say.crossingUncheckedWarning('3.3.0', [blocker(bp200)]),
          say.executeWouldRefuseWarning(),
        ],
      }),
    },
    {
      name: 'lets MANUAL mode cross 2.0.0 with a warning',
      input: { policy: payram, mode: 'MANUAL', current: observed('1.9.7') },
      expected: accepted({
        target: '3.3.0',
        highest: undefined,
        inTheWay: [bp200],
        warnings: [say.blockerIgnoredWarning(blocker(bp200))],
      }),
    },
  ]);
});

describe('data/upgrade-policy.json', () => {
  it('is the ten-release policy the tests use', () => {
    const policy = loadPolicy('../../data/upgrade-policy.json');

    expect(policy).to.deep.equal(tenReleases);
  });
});
