import type { FailureCode } from '../shared/failure-codes.js';
import { UpdaterError } from '../shared/updater-error.js';

export type DocumentKind = 'policy' | 'manifest';

interface KindVocabulary {
  label: string;
  fetchFailed: FailureCode;
  invalid: FailureCode;
}

const vocabulary: Record<DocumentKind, KindVocabulary> = {
  policy: { label: 'policy', fetchFailed: 'POLICY_FETCH_FAILED', invalid: 'POLICY_INVALID_JSON' },
  manifest: {
    label: 'runtime manifest',
    fetchFailed: 'MANIFEST_FETCH_FAILED',
    invalid: 'MANIFEST_INVALID_JSON',
  },
};

/** `where` must already be redacted (see redactSource). */
export function fetchFailed(
  kind: DocumentKind,
  where: string,
  reason: string,
  cause?: unknown,
): UpdaterError {
  const { label, fetchFailed: code } = vocabulary[kind];
  return new UpdaterError(code, `Could not fetch the ${label} from ${where}: ${reason}`, { cause });
}

/** `problem` ends a sentence about the document: "is not valid JSON", "has invalid fields: …". */
export function invalidDocument(
  kind: DocumentKind,
  where: string | undefined,
  problem: string,
): UpdaterError {
  const { label, invalid: code } = vocabulary[kind];
  const subject = where === undefined ? `The ${label}` : `The ${label} from ${where}`;
  return new UpdaterError(code, `${subject} ${problem}`);
}
