import { writeLines, type CliCommand } from '../command.js';
import { exitCodes } from '../exit-codes.js';
import { renderJson } from '../render.js';
import { renderJob } from '../render-job.js';
import { readJob } from '../responses.js';

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status',
  description: 'Show the current or last upgrade job, with recovery advice when it failed',
  options: [],
  // A FAILED job still exits 0: the status itself was read successfully.
  run: async (context) => {
    const client = await context.connect();
    const body = await client.getJson('/upgrade/status');
    const job = readJob(body);
    if (context.json) context.io.stdout.write(renderJson(body));
    else writeLines(context.io.stdout, renderJob(job));
    return exitCodes.ok;
  },
};
