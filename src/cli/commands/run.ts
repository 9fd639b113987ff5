import type { DaemonClient } from '../client.js';
import { writeLines, type CliCommand, type CommandContext } from '../command.js';
import { confirm } from '../confirm.js';
import { exitCodes } from '../exit-codes.js';
import { renderJson } from '../render.js';
import { readRunAccepted, type Plan } from '../responses.js';
import { renderSummaryBox } from '../summary-box.js';
import {
  fetchPlan,
  readUpgradeRequest,
  reportRefusal,
  upgradeRequestOptions,
  type UpgradeRequest,
} from './upgrade-request.js';

export const runCommand: CliCommand = {
  name: 'run',
  usage: 'run --mode <dashboard|manual> --to <version> [--yes]',
  description: 'Plan an upgrade, confirm it, and start it as a background job',
  options: [...upgradeRequestOptions, ['-y, --yes', 'proceed without asking (for automation)']],
  run: async (context, input) => {
    const request = readUpgradeRequest(input.argv);
    const confirmed = input.flags['yes'] === true;
    if (!confirmed && !context.io.isInteractive) {
      context.io.stderr.write(
        'Refusing to run without a terminal: pass --yes to confirm non-interactively.\n',
      );
      return exitCodes.usage;
    }

    const client = await context.connect();
    let plan: Plan;
    try {
      ({ plan } = await fetchPlan(client, request));
    } catch (error) {
      return reportRefusal(context, error);
    }

    if (!(await approve(context, plan, confirmed))) {
      humanSink(context).write('Aborted.\n');
      return exitCodes.ok;
    }
    await startJob(context, client, request);
    return exitCodes.ok;
  },
};

/** With --json the box and the question go to stderr, keeping stdout parseable. */
function humanSink(context: CommandContext) {
  return context.json ? context.io.stderr : context.io.stdout;
}

async function approve(context: CommandContext, plan: Plan, confirmed: boolean) {
  const sink = humanSink(context);
  writeLines(sink, [...renderSummaryBox(plan), '']);
  if (confirmed) return true;
  return confirm(context.io.stdin, sink, 'Proceed? (y/N): ');
}

async function startJob(context: CommandContext, client: DaemonClient, request: UpgradeRequest) {
  const body = await client.postJson('/upgrade/run', request);
  const job = readRunAccepted(body);
  if (context.json) {
    context.io.stdout.write(renderJson(body));
    return;
  }
  writeLines(context.io.stdout, [
    `Started upgrade job ${job.job_id} (state=${job.state}).`,
    "Follow it with 'payram-updater status' and 'payram-updater logs -f'.",
  ]);
}
