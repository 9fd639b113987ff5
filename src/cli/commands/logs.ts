import type { CliCommand } from '../command.js';
import { exitCodes } from '../exit-codes.js';

export const logsCommand: CliCommand = {
  name: 'logs',
  usage: 'logs [-f]',
  description: 'Print the job log; with -f, keep printing new lines until the job ends',
  options: [['-f, --follow', 'stream new lines until the daemon ends the log']],
  // The log is text whatever --json says: there is no JSON to print.
  run: async (context, input) => {
    const client = await context.connect();
    const { stdout } = context.io;
    if (input.flags['follow'] === true) {
      await client.streamText('/upgrade/logs?follow=1', (text) => stdout.write(text));
    } else {
      stdout.write(await client.getText('/upgrade/logs'));
    }
    return exitCodes.ok;
  },
};
