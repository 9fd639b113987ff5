import { type } from 'arktype';
import { isValidTag } from '../policy/versions.js';
import type { UpgradeMode } from '../policy/types.js';
import type { BackupReference, HistoryFilter } from '../jobs/ports.js';
import type { UpgradeRequest } from '../jobs/prepare-plan.js';
import { UpdaterError } from '../shared/updater-error.js';

const upgradeBody = type({
  'mode?': 'string',
  'requested_target?': 'string',
  'requestedTarget?': 'string',
  'current_version?': 'string',
  'currentVersion?': 'string',
  'source?': 'string',
});

const modes: Readonly<Record<string, UpgradeMode>> = { DASHBOARD: 'DASHBOARD', MANUAL: 'MANUAL' };

/** Accepts snake_case and the camelCase names some Payram dashboards send. */
export function parseUpgradeRequest(body: unknown): UpgradeRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new UpdaterError('INVALID_REQUEST', 'The body must be a JSON object');
  }
  if (Object.keys(body).length === 0) {
    throw new UpdaterError(
      'INVALID_REQUEST',
      'The body is empty: send {"mode":…,"requested_target":…}',
    );
  }
  const parsed = upgradeBody(body);
  if (parsed instanceof type.errors) throw new UpdaterError('INVALID_REQUEST', parsed.summary);

  const mode = modes[(parsed.mode ?? '').toUpperCase()];
  if (mode === undefined) {
    throw new UpdaterError('INVALID_MODE', 'mode must be "DASHBOARD" or "MANUAL"');
  }
  const target = pickAlias(parsed.requested_target, parsed.requestedTarget, 'requested_target');
  if (target === undefined || target === '') {
    throw new UpdaterError('INVALID_TARGET', 'requested_target is required');
  }
  if (target !== 'latest' && !isValidTag(target)) {
    throw new UpdaterError('INVALID_TARGET', 'requested_target must be "latest" or an image tag');
  }
  const hint = pickAlias(parsed.current_version, parsed.currentVersion, 'current_version');
  if (hint !== undefined && hint !== '' && !isValidTag(hint)) {
    throw new UpdaterError('INVALID_REQUEST', 'current_version must be a version or image tag');
  }
  return { mode, requestedTarget: target, currentVersionHint: hint };
}

function pickAlias(snake: string | undefined, camel: string | undefined, name: string) {
  if (snake !== undefined && camel !== undefined && snake !== camel) {
    throw new UpdaterError('INVALID_REQUEST', `${name} is given twice with different values`);
  }
  return snake ?? camel;
}

const historyQuery = type({
  'type?': "'upgrade' | 'backup' | 'restore'",
  'status?': "'started' | 'succeeded' | 'failed'",
  'limit?': type('string.integer.parse').to('1 <= number.integer <= 1000'),
});

export const defaultHistoryLimit = 100;

export function parseHistoryQuery(
  query: Record<string, string | string[] | undefined>,
): HistoryFilter {
  const single = Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value.at(-1) : value]),
  );
  const parsed = historyQuery(single);
  if (parsed instanceof type.errors) throw new UpdaterError('INVALID_QUERY', parsed.summary);
  return {
    ...(parsed.type === undefined ? {} : { type: parsed.type }),
    ...(parsed.status === undefined ? {} : { status: parsed.status }),
    limit: parsed.limit ?? defaultHistoryLimit,
  };
}

const restoreBody = type({ 'id?': 'string > 0', 'file?': 'string > 0', 'confirm?': 'boolean' });

export function parseRestoreRequest(body: unknown): {
  reference: BackupReference;
  confirm: boolean;
} {
  const parsed = restoreBody(body ?? {});
  if (parsed instanceof type.errors) throw new UpdaterError('INVALID_REQUEST', parsed.summary);
  if ((parsed.id === undefined) === (parsed.file === undefined)) {
    throw new UpdaterError('INVALID_REQUEST', 'Name the backup by "id" or by "file", not both');
  }
  const reference = parsed.id === undefined ? { file: parsed.file ?? '' } : { id: parsed.id };
  return { reference, confirm: parsed.confirm === true };
}
