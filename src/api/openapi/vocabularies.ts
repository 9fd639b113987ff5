import type { IssueSeverity, OverallState } from '../../jobs/assess-health.js';
import type { ExecutionMode } from '../../jobs/job.js';
import type { BackupKind, HistoryStatus, HistoryType } from '../../jobs/ports.js';
import type { VersionSource } from '../../policy/plan-context.js';
import type { UpgradeMode } from '../../policy/types.js';
import type { DataRisk, Severity } from '../../recovery/playbook.js';
import { failureCodes, requestErrorCodes } from '../../shared/failure-codes.js';

export { components as inspectedComponents } from '../../jobs/assess-health.js';
export { jobStates } from '../../jobs/job.js';
export { failureCodes };

export const errorCodes = [...failureCodes, ...requestErrorCodes];

/**
 * The values of a string union as an array the compiler checks both ways: a value outside the
 * union or a member left out does not compile, so the document follows the types.
 */
function everyMember<T extends string>() {
  return <const A extends readonly T[]>(
    values: A &
      ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> }),
  ): readonly T[] => values;
}

// Ideally each union would be declared from an array in its own module, as jobStates is; for
// now they are listed here under the compiler's check. Remove a list once its module has one.
export const upgradeModes = everyMember<UpgradeMode>()(['DASHBOARD', 'MANUAL']);
export const executionModes = everyMember<ExecutionMode>()(['dry-run', 'execute']);
export const versionSources = everyMember<VersionSource>()(['core', 'label', 'tag', 'hint']);
export const playbookSeverities = everyMember<Severity>()(['INFO', 'RETRYABLE', 'MANUAL_REQUIRED']);
export const dataRisks = everyMember<DataRisk>()(['NONE', 'POSSIBLE', 'LIKELY', 'UNKNOWN']);
export const issueSeverities = everyMember<IssueSeverity>()(['INFO', 'WARNING', 'CRITICAL']);
export const overallStates = everyMember<OverallState>()(['OK', 'DEGRADED', 'BROKEN']);
export const historyTypes = everyMember<HistoryType>()(['upgrade', 'backup', 'restore']);
export const historyStatuses = everyMember<HistoryStatus>()(['started', 'succeeded', 'failed']);
export const backupKinds = everyMember<BackupKind>()(['pre-upgrade', 'manual']);
