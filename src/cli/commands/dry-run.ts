import { writeLines, type CliCommand } from '../command.js';
import { exitCodes } from '../exit-codes.js';
import { planStateLine, renderJson, renderPlanLines } from '../render.js';
import {
  fetchPlan,
  readUpgradeRequest,
  reportRefusal,
  upgradeRequestOptions,
} from './upgrade-request.js';

export const dryRunCommand: CliCommand = {
  name: 'dry-run',
  usage: 'dry-run --mode <dashboard|manual> --to <version> [--current <version>]',
  description: 'Show what an upgrade would do, changing nothing and creating no job',
  options: upgradeRequestOptions,
  run: async (context, input) => {
    const request = readUpgradeRequest(input.argv);
    const client = await context.connect();
    let answer: Awaited<ReturnType<typeof fetchPlan>>;
    try {
      answer = await fetchPlan(client, request);
    } catch (error) {
      return reportRefusal(context, error);
    }

    if (context.json) context.io.stdout.write(renderJson(answer.body));
    else
      writeLines(context.io.stdout, [...renderPlanLines(answer.plan), planStateLine(answer.plan)]);
    return exitCodes.ok;
  },
};
