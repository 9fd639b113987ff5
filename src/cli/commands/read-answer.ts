import { ArkErrors } from 'arktype';
import { UnexpectedAnswerError } from '../responses.js';

/**
 * The checked result of an arktype schema, or the same error responses.ts raises for a 2xx answer
 * the CLI cannot read. Ideally responses.ts would export its own helper; for now this mirrors it,
 * until the readers of the backup and recovery routes move there.
 */
export function readAnswer<T>(result: T | ArkErrors, what: string): T {
  if (!(result instanceof ArkErrors)) return result;
  throw new UnexpectedAnswerError(
    `The daemon's answer to ${what} has an unexpected shape (${result.summary}). ` +
      'Are the CLI and the daemon the same version?',
  );
}
