import type { CliCommand, CommandContext, CommandInput } from '../command.js';
import { writeLines } from '../command.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { renderJson } from '../render.js';
import { UsageError } from '../usage-error.js';
import { readBackupCreated, readBackupList } from './backup-answers.js';
import { renderBackupCreated, renderBackupTable } from './backup-render.js';
import { restoreBackup } from './backup-restore.js';

type Action = (context: CommandContext, input: CommandInput) => Promise<ExitCode>;

// cac has no nested subcommands: `backup` takes the action as its positional argument.
const actions = new Map<string, Action>([
  ['create', createBackup],
  ['list', listBackups],
  ['restore', restoreBackup],
]);

const restoreOnly = ['id', 'file', 'yes'] as const;

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <create|list|restore> [--id <id> | --file <path>] [--yes]',
  description: 'Create, list or restore database backups',
  positionals: '<action>',
  actions: [
    ['backup create', 'back up the database now'],
    ['backup list', 'list the backups, newest first'],
    ['backup restore', 'replace ALL data in the database with a backup (--id or --file)'],
  ],
  options: [
    ['--id <id>', 'restore: the backup with this id (see backup list)'],
    ['--file <path>', 'restore: this backup file, inside the daemon backup directory'],
    ['-y, --yes', 'restore: proceed without asking (for automation)'],
  ],
  run: (context, input) => actionFor(input)(context, input),
};

function actionFor(input: CommandInput): Action {
  const [name] = input.positionals;
  if (name === undefined) {
    throw new UsageError('backup needs an action: create, list or restore');
  }
  const action = actions.get(name);
  if (action === undefined) {
    throw new UsageError(`backup action must be one of create, list, restore, got "${name}"`);
  }
  // Presence only: cac's parse is trusted for that, not for the values.
  const misplaced = restoreOnly.find((option) => input.flags[option] !== undefined);
  if (name !== 'restore' && misplaced !== undefined) {
    throw new UsageError(`--${misplaced} applies only to backup restore`);
  }
  return action;
}

async function createBackup(context: CommandContext): Promise<ExitCode> {
  const client = await context.connect();
  const body = await client.postJson('/backups', {});
  const backup = readBackupCreated(body);
  if (context.json) context.io.stdout.write(renderJson(body));
  else writeLines(context.io.stdout, renderBackupCreated(backup));
  return exitCodes.ok;
}

async function listBackups(context: CommandContext): Promise<ExitCode> {
  const client = await context.connect();
  const body = await client.getJson('/backups');
  const backups = readBackupList(body);
  if (context.json) context.io.stdout.write(renderJson(body));
  else writeLines(context.io.stdout, renderBackupTable(backups));
  return exitCodes.ok;
}
