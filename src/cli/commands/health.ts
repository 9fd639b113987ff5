import type { CliCommand } from '../command.js';
import { exitCodes } from '../exit-codes.js';
import { renderJson } from '../render.js';

/**
 * The image's HEALTHCHECK runs this: it finds the daemon as every other command does (the port
 * may come from /etc/payram/updater.env), which an inline probe of a fixed port could not.
 */
export const healthCommand: CliCommand = {
  name: 'health',
  usage: 'health',
  description: 'Check that the daemon answers; exit 0 when healthy, 1 otherwise',
  options: [],
  run: async (context) => {
    const client = await context.connect();
    const body = await client.getJson('/health');
    const healthy = (body as { status?: unknown } | null)?.status === 'healthy';
    if (context.json) context.io.stdout.write(renderJson(body));
    else context.io.stdout.write(healthy ? 'healthy\n' : `unhealthy: ${JSON.stringify(body)}\n`);
    return healthy ? exitCodes.ok : exitCodes.failed;
  },
};
