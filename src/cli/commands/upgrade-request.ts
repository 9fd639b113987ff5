import type { UpgradeMode } from '../../policy/types.js';
import type { DaemonClient } from '../client.js';
import { writeLines, type CommandContext } from '../command.js';
import { DaemonError, isAuthFailure } from '../daemon-errors.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { optionalText, parseMode, requiredText } from '../options.js';
import { failedStateLine, renderJson, renderPlanLines } from '../render.js';
import { planInRefusal, readPlanAnswer, type Plan } from '../responses.js';

/** The body of POST /upgrade/plan and /upgrade/run. */
export interface UpgradeRequest {
  mode: UpgradeMode;
  requested_target: string;
  current_version?: string;
}

export const upgradeRequestOptions = [
  ['--mode <mode>', 'dashboard (policy-controlled) or manual (operator-controlled)'],
  ['--to <version>', 'target version, e.g. 1.7.0, or latest'],
  ['--current <version>', 'current version hint, used only when the daemon observes none'],
] as const;

export function readUpgradeRequest(argv: readonly string[]): UpgradeRequest {
  const mode = parseMode(requiredText(argv, '--mode', 'dashboard'));
  const target = requiredText(argv, '--to', '1.7.0');
  const current = optionalText(argv, '--current');
  const request: UpgradeRequest = { mode, requested_target: target };
  if (current !== undefined) request.current_version = current;
  return request;
}

/** The plan when the daemon allows the upgrade; a DaemonError carrying the reason otherwise. */
export async function fetchPlan(client: DaemonClient, request: UpgradeRequest) {
  const body = await client.postJson('/upgrade/plan', request);
  const { plan } = readPlanAnswer(body);
  if (!plan.allowed) {
    const code = plan.error_code ?? 'REFUSED';
    throw new DaemonError(200, code, plan.error_message ?? 'The plan was refused', body);
  }
  return { plan, body };
}

/** Shows why a plan was refused; anything else, an auth failure included, is rethrown. */
export function reportRefusal(context: CommandContext, error: unknown): ExitCode {
  if (!(error instanceof DaemonError) || isAuthFailure(error)) throw error;
  if (context.json && error.body !== undefined) {
    context.io.stdout.write(renderJson(error.body));
    return exitCodes.failed;
  }
  const plan: Plan | undefined = planInRefusal(error.body);
  const lines = plan ? renderPlanLines(plan) : [];
  writeLines(context.io.stdout, [...lines, failedStateLine(error.code, error.message)]);
  return exitCodes.failed;
}
