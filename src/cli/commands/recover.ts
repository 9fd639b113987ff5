import { writeLines, type CliCommand, type CommandContext } from '../command.js';
import { DaemonError } from '../daemon-errors.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { printable, renderJson } from '../render.js';
import {
  readRecoveryRefusal,
  readRecoveryStarted,
  type RecoveryStarted,
} from './recovery-answers.js';

export const recoverCommand: CliCommand = {
  name: 'recover',
  usage: 'recover',
  description: 'Recover from the last failed upgrade where that is safe; else print manual steps',
  options: [],
  run: async (context) => {
    const client = await context.connect();
    let body: unknown;
    try {
      body = await client.postJson('/upgrade/recover', undefined);
    } catch (error) {
      return reportNoRecovery(context, error);
    }

    const started = readRecoveryStarted(body);
    if (context.json) context.io.stdout.write(renderJson(body));
    else writeLines(context.io.stdout, renderRecoveryStarted(started));
    return exitCodes.ok;
  },
};

export function renderRecoveryStarted(started: RecoveryStarted): string[] {
  const job = started.job_id ? `job ${started.job_id} (state=${started.state || '?'})` : undefined;
  return [
    `Recovery action: ${started.action}`,
    ...(started.message ? [started.message] : []),
    ...(job ? [`Started ${job}.`, followHint] : []),
  ].map(printable);
}

const followHint = "Follow it with 'payram-updater status' and 'payram-updater logs -f'.";

/**
 * Nothing to recover is a clean outcome (exit 0); a refusal is a failure that comes with the
 * manual way out (exit 1). Anything else, an auth failure included, is reported as usual.
 */
function reportNoRecovery(context: CommandContext, error: unknown): ExitCode {
  if (!(error instanceof DaemonError)) throw error;
  const outcome = outcomes.get(error.code);
  if (outcome === undefined) throw error;
  const { stdout } = context.io;
  if (context.json && error.body !== undefined) stdout.write(renderJson(error.body));
  else writeLines(stdout, outcome.render(error));
  return outcome.exitCode;
}

interface Outcome {
  exitCode: ExitCode;
  render(error: DaemonError): string[];
}

const outcomes: ReadonlyMap<string, Outcome> = new Map<string, Outcome>([
  ['NOTHING_TO_RECOVER', { exitCode: exitCodes.ok, render: (error) => [printable(error.message)] }],
  ['RECOVERY_REFUSED', { exitCode: exitCodes.failed, render: renderRefusal }],
]);

export function renderRefusal(error: DaemonError): string[] {
  const refusal = readRecoveryRefusal(error.body);
  const steps = refusal.manual_steps ?? refusal.playbook?.ssh_steps ?? [];
  const docs = refusal.playbook?.docs_url;
  return [
    `Recovery refused: ${error.message}`,
    ...(refusal.failure_code ? [`Failed with: ${refusal.failure_code}`] : []),
    ...(steps.length > 0
      ? ['Manual steps:', ...steps.map((step, i) => `  ${i + 1}. ${step}`)]
      : []),
    ...(docs ? [`Docs: ${docs}`] : []),
  ].map(printable);
}
