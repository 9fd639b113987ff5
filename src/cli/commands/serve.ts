import type { CliCommand } from '../command.js';
import { exitCodes } from '../exit-codes.js';
import { optionalText } from '../options.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [--env-file <path>]',
  description: 'Run the updater daemon in this process',
  options: [['--env-file <path>', 'read configuration from this file before the environment']],
  run: async (_context, input) => {
    const envFile = optionalText(input.argv, '--env-file');
    // Imported here so that the other commands never load the daemon and its dependencies.
    const { startDaemon } = await import('../../main.js');
    await startDaemon(envFile === undefined ? {} : { envFile });
    return exitCodes.ok;
  },
};
