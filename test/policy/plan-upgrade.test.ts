import * as say from '../../src/policy/messages.js';
import {
  accepted,
  blocker,
  bp1100,
  bp180,
  failed,
  hinted,
  observed,
  refused,
  runTable,
  tenReleases,
} from './plan-fixtures.js';

const manual = { mode: 'MANUAL' } as const;
const execute = { executionMode: 'execute' } as const;
const cap1110 = { ...tenReleases, dashboardMax: '1.11.0' };
const noLatest = {
  releases: tenReleases.releases,
  breakpoints: tenReleases.breakpoints,
  stopPoints: [],
};

describe('planUpgrade in DASHBOARD mode', () => {
  runTable([
    {
      name: 'refuses a target that is a breakpoint',
      input: { requestedTarget: '1.8.0', current: observed('1.7.9') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.blockerReason(blocker(bp180)), {
        target: '1.8.0',
        highest: undefined,
        inTheWay: [bp180],
      }),
    },
    {
      name: 'names the highest reachable release when refusing a breakpoint',
      input: { requestedTarget: '1.8.0', current: observed('1.7.8') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.blockerReason(blocker(bp180)), {
        target: '1.8.0',
        highest: '1.7.9',
        inTheWay: [bp180],
      }),
    },
    {
      name: 'refuses 1.7.9 → 1.9.0, which crosses 1.8.0, with nothing reachable instead',
      input: { requestedTarget: '1.9.0', current: observed('1.7.9') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.crossingReason('1.7.9', blocker(bp180)), {
        target: '1.9.0',
        highest: undefined,
        inTheWay: [bp180],
      }),
    },
    {
      name: 'names the lowest crossed breakpoint when latest crosses two',
      input: { current: observed('1.7.9') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.crossingReason('1.7.9', blocker(bp180)), {
        target: '1.12.0',
        highest: undefined,
        inTheWay: [bp180, bp1100],
      }),
    },
    {
      name: 'allows 1.8.0 → 1.9.1, starting on a breakpoint',
      input: { requestedTarget: '1.9.1', current: observed('1.8.0') },
      expected: accepted({ target: '1.9.1', highest: '1.9.1' }),
    },
    {
      name: 'refuses 1.9.0 → 1.10.1, which crosses 1.10.0',
      input: { requestedTarget: '1.10.1', current: observed('1.9.0') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.crossingReason('1.9.0', blocker(bp1100)), {
        target: '1.10.1',
        highest: '1.9.1',
        inTheWay: [bp1100],
      }),
    },
    {
      name: 'resolves latest to the policy latest and allows it past the last breakpoint',
      input: { current: observed('1.10.0') },
      expected: accepted({ target: '1.12.0', highest: '1.12.0' }),
    },
    {
      name: 'resolves latest to the policy latest even when a higher release exists',
      input: { policy: { ...tenReleases, latest: '1.11.0' }, current: observed('1.10.1') },
      expected: accepted({ target: '1.11.0', highest: '1.12.0' }),
    },
    {
      name: 'resolves latest by semver, not text, without a policy latest (1.12.0 > 1.9.1)',
      input: { policy: noLatest, current: observed('1.10.0') },
      expected: accepted({ target: '1.12.0', highest: '1.12.0' }),
    },
    {
      name: 'treats 1.9.1 as a downgrade from 1.10.1',
      input: { requestedTarget: '1.9.1', current: observed('1.10.1') },
      expected: refused('DOWNGRADE_NOT_ALLOWED', say.downgradeReason('1.10.1'), {
        target: '1.9.1',
        highest: '1.12.0',
        inTheWay: [bp1100],
      }),
    },
    {
      name: 'refuses a downgrade with nothing reachable instead',
      input: { requestedTarget: '1.9.0', current: observed('1.9.1') },
      expected: refused('DOWNGRADE_NOT_ALLOWED', say.downgradeReason('1.9.1'), {
        target: '1.9.0',
        highest: undefined,
      }),
    },
    {
      name: 'says so when Payram already runs the target',
      input: { requestedTarget: '1.9.0', current: observed('1.9.0') },
      expected: failed(
        'ALREADY_ON_TARGET',
        say.withHighestReachable(say.alreadyOnTargetMessage('1.9.0'), '1.9.1'),
        { target: '1.9.0', highest: '1.9.1' },
      ),
    },
    {
      name: 'refuses a target above dashboard_max',
      input: { policy: cap1110, requestedTarget: '1.12.0', current: observed('1.10.0') },
      expected: refused(
        'TARGET_ABOVE_DASHBOARD_MAX',
        say.aboveDashboardMaxReason('1.12.0', '1.11.0'),
        {
          target: '1.12.0',
          highest: '1.11.0',
        },
      ),
    },
    {
      name: 'refuses latest when it is above dashboard_max',
      input: { policy: cap1110, current: observed('1.11.0') },
      expected: refused(
        'TARGET_ABOVE_DASHBOARD_MAX',
        say.aboveDashboardMaxReason('1.12.0', '1.11.0'),
        {
          target: '1.12.0',
          highest: undefined,
        },
      ),
    },
    {
      name: 'checks dashboard_max before comparing with the running version',
      input: { policy: cap1110, requestedTarget: '1.12.0', current: observed('1.12.0') },
      expected: refused(
        'TARGET_ABOVE_DASHBOARD_MAX',
        say.aboveDashboardMaxReason('1.12.0', '1.11.0'),
        {
          target: '1.12.0',
          highest: undefined,
        },
      ),
    },
    {
      name: 'refuses a semver target that is not published',
      input: { requestedTarget: '1.9.5', current: observed('1.9.0') },
      expected: refused('TARGET_NOT_RELEASED', say.notReleasedReason('1.9.5'), {
        target: '1.9.5',
        highest: '1.9.1',
      }),
    },
    {
      name: 'refuses a tag that is not semver',
      input: { requestedTarget: 'local', current: observed('1.9.0') },
      expected: refused('TARGET_NOT_RELEASED', say.notReleasedReason('local'), {
        target: 'local',
        highest: '1.9.1',
      }),
    },
    {
      name: 'checks the release before the breakpoints',
      input: { requestedTarget: '2.0.0', current: observed('1.7.9') },
      expected: refused('TARGET_NOT_RELEASED', say.notReleasedReason('2.0.0'), {
        target: '2.0.0',
        highest: undefined,
        inTheWay: [bp180, bp1100],
      }),
    },
    {
      name: 'uses the client hint when nothing was observed, and says so',
      input: { requestedTarget: '1.9.1', current: hinted('1.8.0'), ...execute },
      expected: accepted({
        target: '1.9.1',
        highest: '1.9.1',
        warnings: [say.currentFromHintWarning('1.8.0')],
      }),
    },
    {
      name: 'refuses a crossing seen from the client hint',
      input: { requestedTarget: '1.9.0', current: hinted('v1.7.9') },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.crossingReason('1.7.9', blocker(bp180)), {
        target: '1.9.0',
        highest: undefined,
        inTheWay: [bp180],
        warnings: [say.currentFromHintWarning('1.7.9')],
      }),
    },
  ]);
});

describe('planUpgrade in DASHBOARD mode with the current version unknown', () => {
  runTable([
    {
      name: 'skips the crossing check in a dry run, with warnings',
      input: { requestedTarget: '1.9.1' },
      expected: accepted({
        target: '1.9.1',
        highest: '1.7.9',
        warnings: [
          say.crossingUncheckedWarning('1.9.1', [blocker(bp180)]),
          say.executeWouldRefuseWarning(),
        ],
      }),
    },
    {
      name: 'lists every breakpoint below latest as unchecked',
      input: {},
      expected: accepted({
        target: '1.12.0',
        highest: '1.7.9',
        warnings: [
          say.crossingUncheckedWarning('1.12.0', [blocker(bp180), blocker(bp1100)]),
          say.executeWouldRefuseWarning(),
        ],
      }),
    },
    {
      name: 'warns only about execute mode when no breakpoint lies below the target',
      input: { requestedTarget: '1.7.9' },
      expected: accepted({
        target: '1.7.9',
        highest: '1.7.9',
        warnings: [say.executeWouldRefuseWarning()],
      }),
    },
    {
      name: 'refuses in execute mode',
      input: { requestedTarget: '1.9.1', ...execute },
      expected: failed('CURRENT_VERSION_UNKNOWN', say.currentUnknownMessage('1.9.1'), {
        target: '1.9.1',
        highest: '1.7.9',
        warnings: [say.crossingUncheckedWarning('1.9.1', [blocker(bp180)])],
      }),
    },
    {
      name: 'still blocks an exact breakpoint, before the execute-mode check',
      input: { requestedTarget: '1.10.0', ...execute },
      expected: refused('MANUAL_UPGRADE_REQUIRED', say.blockerReason(blocker(bp1100)), {
        target: '1.10.0',
        highest: '1.7.9',
        inTheWay: [bp1100],
      }),
    },
    {
      name: 'treats a current version that is not semver as unknown',
      input: { requestedTarget: '1.9.1', current: { version: 'local', source: 'tag' } },
      expected: accepted({
        target: '1.9.1',
        highest: '1.7.9',
        warnings: [
          say.currentNotSemverWarning('local'),
          say.crossingUncheckedWarning('1.9.1', [blocker(bp180)]),
          say.executeWouldRefuseWarning(),
        ],
      }),
    },
  ]);
});

describe('planUpgrade in DASHBOARD mode without a usable policy', () => {
  const fetchFailed = {
    code: 'POLICY_FETCH_FAILED',
    message: 'GET policy: timeout after 10 s',
  } as const;
  const invalidJson = {
    code: 'POLICY_INVALID_JSON',
    message: 'Unexpected token < in JSON',
  } as const;

  runTable([
    {
      name: 'fails with the fetch error code',
      input: { policy: undefined, policyError: fetchFailed, current: observed('1.9.0') },
      expected: failed('POLICY_FETCH_FAILED', say.policyUnavailableMessage(fetchFailed.message), {
        target: undefined,
        highest: undefined,
      }),
    },
    {
      name: 'fails with the invalid JSON code and keeps the named target',
      input: { policy: undefined, policyError: invalidJson, requestedTarget: '1.9.1' },
      expected: failed('POLICY_INVALID_JSON', say.policyUnavailableMessage(invalidJson.message), {
        target: '1.9.1',
        highest: undefined,
      }),
    },
    {
      name: 'defaults to POLICY_FETCH_FAILED when no error was given',
      input: { policy: undefined },
      expected: failed(
        'POLICY_FETCH_FAILED',
        say.policyUnavailableMessage(say.policyMissingDetail),
        {
          target: undefined,
          highest: undefined,
        },
      ),
    },
  ]);
});

describe('planUpgrade in MANUAL mode', () => {
  const fetchFailed = { code: 'POLICY_FETCH_FAILED', message: 'connect ECONNREFUSED' } as const;
  const invalidJson = {
    code: 'POLICY_INVALID_JSON',
    message: 'Unexpected end of JSON input',
  } as const;

  runTable([
    {
      name: 'allows a breakpoint target with a warning',
      input: { ...manual, requestedTarget: '1.8.0', current: observed('1.7.9') },
      expected: accepted({
        target: '1.8.0',
        highest: undefined,
        inTheWay: [bp180],
        warnings: [say.blockerIgnoredWarning(blocker(bp180))],
      }),
    },
    {
      name: 'allows latest across both breakpoints with a warning for each',
      input: { ...manual, current: observed('1.7.9'), ...execute },
      expected: accepted({
        target: '1.12.0',
        highest: undefined,
        inTheWay: [bp180, bp1100],
        warnings: [
          say.blockerIgnoredWarning(blocker(bp180)),
          say.blockerIgnoredWarning(blocker(bp1100)),
        ],
      }),
    },
    {
      name: 'allows a downgrade with a warning, listing the breakpoint crossed back',
      input: { ...manual, requestedTarget: '1.9.1', current: observed('1.10.1') },
      expected: accepted({
        target: '1.9.1',
        highest: '1.12.0',
        inTheWay: [bp1100],
        warnings: [
          say.downgradeWarning('1.10.1', '1.9.1'),
          say.blockerIgnoredWarning(blocker(bp1100)),
        ],
      }),
    },
    {
      name: 'allows the running version with a warning',
      input: { ...manual, requestedTarget: '1.9.0', current: observed('1.9.0') },
      expected: accepted({
        target: '1.9.0',
        highest: '1.9.1',
        warnings: [say.sameVersionWarning('1.9.0')],
      }),
    },
    {
      name: 'allows an unpublished semver target with a warning',
      input: { ...manual, requestedTarget: '1.9.5', current: observed('1.9.0') },
      expected: accepted({
        target: '1.9.5',
        highest: '1.9.1',
        warnings: [say.targetNotReleasedWarning('1.9.5')],
      }),
    },
    {
      name: 'allows a local tag and skips every comparison',
      input: { ...manual, requestedTarget: 'local', current: observed('1.9.0'), ...execute },
      expected: accepted({
        target: 'local',
        highest: '1.9.1',
        warnings: [say.targetNotSemverWarning('local')],
      }),
    },
    {
      name: 'keeps the tag as the operator wrote it',
      input: { ...manual, requestedTarget: 'v1.9.1', current: observed('1.8.0') },
      expected: accepted({ target: 'v1.9.1', highest: '1.9.1' }),
    },
    {
      name: 'lists an exact breakpoint and warns about unchecked crossings when current is unknown',
      input: { ...manual, requestedTarget: '1.10.0', ...execute },
      expected: accepted({
        target: '1.10.0',
        highest: '1.7.9',
        inTheWay: [bp1100],
        warnings: [
          say.blockerIgnoredWarning(blocker(bp1100)),
          say.crossingUncheckedWarning('1.10.0', [blocker(bp180)]),
        ],
      }),
    },
    {
      name: 'resolves latest by semver without a policy latest',
      input: { ...manual, policy: noLatest, current: observed('1.10.0') },
      expected: accepted({ target: '1.12.0', highest: '1.12.0' }),
    },
    {
      name: 'cannot resolve latest without the policy',
      input: { ...manual, policy: undefined, policyError: fetchFailed, current: observed('1.9.0') },
      expected: failed('POLICY_FETCH_FAILED', say.latestWithoutPolicyMessage(fetchFailed.message), {
        target: undefined,
        highest: undefined,
        warnings: [say.policyIgnoredWarning('POLICY_FETCH_FAILED', fetchFailed.message)],
      }),
    },
    {
      name: 'cannot resolve latest from an invalid policy, and keeps its code',
      input: { ...manual, policy: undefined, policyError: invalidJson },
      expected: failed('POLICY_INVALID_JSON', say.latestWithoutPolicyMessage(invalidJson.message), {
        target: undefined,
        highest: undefined,
        warnings: [say.policyIgnoredWarning('POLICY_INVALID_JSON', invalidJson.message)],
      }),
    },
    {
      name: 'goes on without the policy for a named tag',
      input: { ...manual, policy: undefined, policyError: fetchFailed, requestedTarget: '1.9.0' },
      expected: accepted({
        target: '1.9.0',
        highest: undefined,
        warnings: [say.policyIgnoredWarning('POLICY_FETCH_FAILED', fetchFailed.message)],
      }),
    },
  ]);
});
