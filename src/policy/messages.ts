import type { Blocker } from './breakpoints.js';

// Every sentence a plan can show a user. Tests build their expectations from these too, so a
// wording change is made once.

export function dashboardRefusal(target: string, reason: string): string {
  return `Dashboard upgrades to ${target} are not allowed: ${reason}`;
}

export function withHighestReachable(message: string, highest: string | undefined): string {
  return highest === undefined
    ? message
    : `${message} The highest release the dashboard may reach is ${highest}.`;
}

export function notReleasedReason(target: string): string {
  return `${target} is not a published release.`;
}

export function aboveDashboardMaxReason(target: string, max: string): string {
  return `${target} is above the dashboard maximum ${max}.`;
}

export function downgradeReason(current: string): string {
  return `the running version ${current} is newer, and the dashboard never downgrades.`;
}

export function alreadyOnTargetMessage(target: string): string {
  return `Payram already runs ${target}; there is nothing to upgrade.`;
}

export function blockerReason(blocker: Blocker): string {
  return withDocs(sentence(blocker.breakpoint.reason), blocker);
}

export function crossingReason(current: string, blocker: Blocker): string {
  const { kind, breakpoint } = blocker;
  const why = sentence(breakpoint.reason).slice(0, -1);
  return withDocs(
    `upgrading from ${current} crosses ${kind} ${breakpoint.version} (${why}).`,
    blocker,
  );
}

export function currentUnknownMessage(target: string): string {
  return dashboardRefusal(
    target,
    `the running version is unknown, so breakpoints on the way to ${target} cannot be checked.`,
  );
}

export function policyUnavailableMessage(detail: string): string {
  return `Dashboard upgrades need the upgrade policy, which could not be loaded: ${detail}`;
}

export function latestWithoutPolicyMessage(detail: string): string {
  return `latest cannot be resolved without the upgrade policy: ${detail}`;
}

export const policyMissingDetail = 'no upgrade policy is available.';

export function noReleasesMessage(): string {
  return 'latest cannot be resolved: the upgrade policy lists no semver release.';
}

export function malformedPolicyMessage(field: string, value: string): string {
  const shown = JSON.stringify(value);
  return `The upgrade policy is malformed: ${field} ${shown} is not a semver version.`;
}

export function policyIgnoredWarning(code: string, detail: string): string {
  const problem = `The upgrade policy could not be used (${code}: ${detail});`;
  return `${problem} MANUAL mode goes on without it.`;
}

export function malformedPolicyWarning(field: string, value: string): string {
  return `${malformedPolicyMessage(field, value)} MANUAL mode ignores it.`;
}

export function currentFromHintWarning(version: string): string {
  return `The running version was not observed; planning from the client's hint ${version}.`;
}

export function currentNotSemverWarning(version: string): string {
  return `The running version ${version} is not a semver version, so it is treated as unknown.`;
}

export function targetNotSemverWarning(target: string): string {
  return `${target} is not a semver version: release, downgrade and breakpoint checks are skipped.`;
}

export function targetNotReleasedWarning(target: string): string {
  return `${notReleasedReason(target)} MANUAL mode allows it.`;
}

export function downgradeWarning(current: string, target: string): string {
  const risk = `a database migrated by ${current} may not work with ${target}`;
  return `This downgrades ${current} to ${target}; ${risk}.`;
}

export function sameVersionWarning(target: string): string {
  return `Payram already runs ${target}; the container is recreated on the same version.`;
}

export function blockerIgnoredWarning(blocker: Blocker): string {
  const kind = blocker.kind === 'breakpoint' ? 'Breakpoint' : 'Stop point';
  const name = `${kind} ${blocker.breakpoint.version}`;
  return `${name} is ignored in MANUAL mode: ${blockerReason(blocker)}`;
}

export function crossingUncheckedWarning(target: string, blockers: readonly Blocker[]): string {
  const names = blockers.map((b) => `${b.kind} ${b.breakpoint.version}`).join(', ');
  const question = `whether the upgrade to ${target} crosses ${names}`;
  return `The running version is unknown, so ${question} was not checked.`;
}

export function executeWouldRefuseWarning(): string {
  return (
    'An execute-mode dashboard upgrade would be refused (CURRENT_VERSION_UNKNOWN) ' +
    'until the running version can be observed.'
  );
}

/** The reason as one sentence ending in a period, whether or not the policy wrote one. */
function sentence(reason: string): string {
  const trimmed = reason.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function withDocs(text: string, blocker: Blocker): string {
  const docs = blocker.breakpoint.docs?.trim();
  return docs === undefined || docs === '' ? text : `${text} See: ${docs}`;
}
