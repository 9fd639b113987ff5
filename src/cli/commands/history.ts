import { writeLines, type CliCommand } from '../command.js';
import { exitCodes } from '../exit-codes.js';
import { optionalText, parseChoice, parseIntegerInRange } from '../options.js';
import { renderHistory, renderJson } from '../render.js';
import { readHistory } from '../responses.js';

const types = ['upgrade', 'backup', 'restore'] as const;
const statuses = ['started', 'succeeded', 'failed'] as const;

export const historyCommand: CliCommand = {
  name: 'history',
  usage: 'history [--type <type>] [--status <status>] [--limit <n>]',
  description: 'List upgrade, backup and restore events, newest first',
  options: [
    ['--type <type>', `only events of this type: ${types.join(', ')}`],
    ['--status <status>', `only events with this status: ${statuses.join(', ')}`],
    ['--limit <n>', 'at most this many events (1 to 1000)'],
  ],
  run: async (context, input) => {
    const query = historyQuery(input.argv);
    const client = await context.connect();
    const body = await client.getJson(query === '' ? '/history' : `/history?${query}`);
    const { logs } = readHistory(body);
    if (context.json) context.io.stdout.write(renderJson(body));
    else writeLines(context.io.stdout, renderHistory(logs));
    return exitCodes.ok;
  },
};

export function historyQuery(argv: readonly string[]): string {
  const query = new URLSearchParams();
  const type = optionalText(argv, '--type');
  if (type !== undefined) query.set('type', parseChoice('--type', type, types));
  const status = optionalText(argv, '--status');
  if (status !== undefined) query.set('status', parseChoice('--status', status, statuses));
  const limit = optionalText(argv, '--limit');
  if (limit !== undefined)
    query.set('limit', String(parseIntegerInRange('--limit', limit, 1, 1000)));
  return query.toString();
}
