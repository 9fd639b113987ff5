import { cac } from 'cac';
import type { CliIo } from './cli-io.js';
import { createDaemonClient, type DaemonClient } from './client.js';
import type { CliCommand, CommandContext } from './command.js';
import { backupCommand } from './commands/backup.js';
import { dryRunCommand } from './commands/dry-run.js';
import { historyCommand } from './commands/history.js';
import { inspectCommand } from './commands/inspect.js';
import { logsCommand } from './commands/logs.js';
import { recoverCommand } from './commands/recover.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { healthCommand } from './commands/health.js';
import { resolveConnection } from './connection.js';
import { exitCodes, type ExitCode } from './exit-codes.js';
import { globalOptions, programName, renderCommandHelp, renderProgramHelp } from './help.js';
import { optionalText } from './options.js';
import { reportError } from './report-error.js';
import { readOwnVersion } from './version.js';

export interface CliProgram {
  /** Runs one invocation; `args` are the arguments after the program name. */
  run(args: readonly string[]): Promise<ExitCode>;
}

export const commands: readonly CliCommand[] = [
  serveCommand,
  dryRunCommand,
  runCommand,
  statusCommand,
  logsCommand,
  historyCommand,
  inspectCommand,
  recoverCommand,
  backupCommand,
  healthCommand,
];

/** Planning fetches the remote policy and manifest, each bounded by the daemon to 10 s. */
const requestTimeoutMs = 60_000;

export function buildProgram(io: CliIo): CliProgram {
  return {
    run: async (args) => {
      try {
        return await dispatch(io, args);
      } catch (error) {
        return reportError(io, error, args.includes('--json'));
      }
    },
  };
}

async function dispatch(io: CliIo, args: readonly string[]): Promise<ExitCode> {
  const cli = defineCli();
  cli.parse(['node', programName, ...args], { run: false });
  const flags: Readonly<Record<string, unknown>> = cli.options;
  const command = commands.find((candidate) => candidate.name === cli.matchedCommandName);
  if (flags['help'] === true) {
    io.stdout.write(
      command ? renderCommandHelp(command) : renderProgramHelp(commands, readOwnVersion()),
    );
    return exitCodes.ok;
  }
  if (flags['version'] === true) {
    io.stdout.write(`${readOwnVersion()}\n`);
    return exitCodes.ok;
  }
  if (command === undefined || cli.matchedCommand === undefined) {
    return unknownCommand(io, cli.args[0]);
  }

  // cac's own checks, run here rather than through runMatchedCommand so that the command's
  // exit code keeps its type.
  cli.matchedCommand.checkUnknownOptions();
  cli.matchedCommand.checkOptionValue();
  cli.matchedCommand.checkUnusedArgs();
  const positionals: readonly string[] = cli.args;
  return command.run(createContext(io, flags, args), { flags, argv: args, positionals });
}

function defineCli() {
  const cli = cac(programName);
  for (const [flags, description] of globalOptions) cli.option(flags, description);
  for (const command of commands) {
    const rawName = command.positionals ? `${command.name} ${command.positionals}` : command.name;
    const defined = cli.command(rawName, command.description);
    for (const [flags, description] of command.options) defined.option(flags, description);
  }
  return cli;
}

function unknownCommand(io: CliIo, name: string | undefined): ExitCode {
  const problem = name === undefined ? 'A command is required.' : `Unknown command "${name}".`;
  io.stderr.write(`${problem}\n\n${renderProgramHelp(commands, readOwnVersion())}`);
  return exitCodes.usage;
}

function createContext(
  io: CliIo,
  flags: Readonly<Record<string, unknown>>,
  args: readonly string[],
): CommandContext {
  let client: Promise<DaemonClient> | undefined;
  return {
    io,
    json: flags['json'] === true,
    connect: () => (client ??= connect(io, args)),
  };
}

async function connect(io: CliIo, args: readonly string[]): Promise<DaemonClient> {
  const { baseUrl, token } = await resolveConnection(io.env, optionalText(args, '--url'));
  const fetchFn = io.fetch ?? ((input, init) => fetch(input, init));
  return createDaemonClient({ baseUrl, token, fetch: fetchFn, timeoutMs: requestTimeoutMs });
}
