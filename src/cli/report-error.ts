import type { CliIo } from './cli-io.js';
import { DaemonConnectionError, DaemonError, isAuthFailure } from './daemon-errors.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { programName } from './help.js';
import { printable, renderJson } from './render.js';
import { UnexpectedAnswerError } from './responses.js';
import { isUsageError } from './usage-error.js';
import { describeError, isUpdaterError } from '../shared/updater-error.js';

/** Every error ends here: one message on stderr (or the daemon's JSON with --json) and a code. */
export function reportError(io: CliIo, error: unknown, json: boolean): ExitCode {
  if (isUsageError(error) || isCacError(error)) {
    io.stderr.write(`Error: ${error.message}\nRun \`${programName} --help\` for usage.\n`);
    return exitCodes.usage;
  }
  if (error instanceof DaemonError) return reportDaemonError(io, error, json);
  if (error instanceof DaemonConnectionError || error instanceof UnexpectedAnswerError) {
    io.stderr.write(`${error.message}\n`);
    return exitCodes.failed;
  }
  const code = isUpdaterError(error) ? ` (${error.code})` : '';
  io.stderr.write(`Error${code}: ${describeError(error)}\n`);
  return exitCodes.failed;
}

function reportDaemonError(io: CliIo, error: DaemonError, json: boolean): ExitCode {
  if (json && error.body !== undefined) {
    io.stdout.write(renderJson(error.body));
    return exitCodes.failed;
  }
  io.stderr.write(`Error (${printable(error.code)}): ${printable(error.message)}\n`);
  if (isAuthFailure(error)) {
    io.stderr.write(
      'The daemon refused the request: set UPDATER_API_TOKEN or UPDATER_API_TOKEN_FILE to ' +
        'its API token.\n',
    );
  }
  return exitCodes.failed;
}

/** cac's own errors (unknown option, missing value, extra argument) are usage errors. */
function isCacError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CACError';
}
