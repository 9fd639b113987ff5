import { writeLines, type CliCommand } from '../command.js';
import { exitCodes } from '../exit-codes.js';
import { renderJson } from '../render.js';
import { renderInspection } from './inspect-render.js';
import { readInspection } from './recovery-answers.js';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  usage: 'inspect',
  description: 'Diagnose the installation read-only: checks, issues, advice, update information',
  options: [],
  // BROKEN exits 1 so that scripts and health probes can act on it; DEGRADED still runs.
  run: async (context) => {
    const client = await context.connect();
    const body = await client.getJson('/upgrade/inspect');
    const inspection = readInspection(body);
    if (context.json) context.io.stdout.write(renderJson(body));
    else writeLines(context.io.stdout, renderInspection(inspection));
    return inspection.overall_state === 'BROKEN' ? exitCodes.failed : exitCodes.ok;
  },
};
