import type { CliCommand } from './command.js';

export const programName = 'payram-updater';

export const globalOptions = [
  ['--url <url>', 'daemon URL (default: $PAYRAM_UPDATER_URL, else http://127.0.0.1:$UPDATER_PORT)'],
  ['--json', 'print the daemon JSON answers instead of human output'],
  ['-h, --help', 'show this help'],
  ['-v, --version', 'show the version'],
] as const;

type OptionRow = readonly [flags: string, description: string];

function optionLines(rows: readonly OptionRow[]): string[] {
  const width = Math.max(...rows.map(([flags]) => flags.length));
  return rows.map(([flags, description]) => `  ${flags.padEnd(width)}  ${description}`);
}

function commandLines(commands: readonly CliCommand[]): string[] {
  const width = Math.max(...commands.map((command) => command.name.length));
  return commands.flatMap((command) => [
    `  ${command.name.padEnd(width)}  ${command.description}`,
    ...optionLines(command.actions ?? []).map((line) => `  ${' '.repeat(width)}${line}`),
  ]);
}

export function renderProgramHelp(commands: readonly CliCommand[], version: string): string {
  return [
    `${programName} ${version}: safe upgrades of a self-hosted Payram container`,
    '',
    `Usage: ${programName} <command> [options]`,
    '',
    'Commands:',
    ...commandLines(commands),
    '',
    'Global options:',
    ...optionLines(globalOptions),
    '',
    `Run \`${programName} <command> --help\` for the options of a command.`,
    'The API token is read from UPDATER_API_TOKEN or the file named by UPDATER_API_TOKEN_FILE.',
    '',
  ].join('\n');
}

export function renderCommandHelp(command: CliCommand): string {
  const sections = [
    `Usage: ${programName} ${command.usage}`,
    '',
    command.description,
    '',
    ...(command.actions ? ['Actions:', ...optionLines(command.actions), ''] : []),
    ...(command.options.length > 0 ? ['Options:', ...optionLines(command.options), ''] : []),
    'Global options:',
    ...optionLines(globalOptions),
    '',
  ];
  return sections.join('\n');
}
