import { posix } from 'node:path';
import type { CommandContext, CommandInput } from '../command.js';
import { writeLines } from '../command.js';
import { confirm } from '../confirm.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { optionalText } from '../options.js';
import { formatRows, printable, renderJson } from '../render.js';
import { UsageError } from '../usage-error.js';
import { readBackupList, readBackupRestored, type Backup } from './backup-answers.js';
import { formatSize, shortSha256 } from './backup-render.js';

/** Exactly one of the two, as POST /backups/restore takes it. */
export type RestoreTarget = { id: string } | { file: string };

export function readRestoreTarget(argv: readonly string[]): RestoreTarget {
  const id = optionalText(argv, '--id');
  const file = optionalText(argv, '--file');
  if (id !== undefined && file !== undefined) {
    throw new UsageError('backup restore takes --id or --file, not both');
  }
  if (id !== undefined) return { id };
  if (file !== undefined) return { file };
  throw new UsageError('backup restore needs --id <id> or --file <path>; see `backup list`');
}

export async function restoreBackup(
  context: CommandContext,
  input: CommandInput,
): Promise<ExitCode> {
  const target = readRestoreTarget(input.argv);
  const confirmed = input.flags['yes'] === true;
  if (!confirmed && !context.io.isInteractive) {
    context.io.stderr.write(
      'Refusing to restore without a terminal: pass --yes to confirm non-interactively.\n',
    );
    return exitCodes.usage;
  }

  const client = await context.connect();
  const known = findBackup(readBackupList(await client.getJson('/backups')), target);
  if (!(await approve(context, renderRestoreSummary(target, known), confirmed))) {
    humanSink(context).write('Aborted.\n');
    return exitCodes.ok;
  }

  const body = await client.postJson('/backups/restore', { ...target, confirm: true });
  const restored = readBackupRestored(body);
  if (context.json) context.io.stdout.write(renderJson(body));
  else writeLines(context.io.stdout, [restoredLine(restored)]);
  return exitCodes.ok;
}

/**
 * Only for the summary: a target missing from the list still goes to the daemon, which alone
 * decides whether a file is a restorable backup (BACKUP_NOT_FOUND, INVALID_BACKUP_PATH).
 */
export function findBackup(backups: readonly Backup[], target: RestoreTarget): Backup | undefined {
  if ('id' in target) return backups.find((backup) => backup.id === target.id);
  const wanted = posix.normalize(target.file);
  return backups.find(
    (backup) =>
      backup.filename === wanted || (backup.path && posix.normalize(backup.path) === wanted),
  );
}

export function renderRestoreSummary(target: RestoreTarget, backup: Backup | undefined) {
  const asked = 'id' in target ? `id ${target.id}` : target.file;
  const database = backup?.database ? `database ${backup.database}` : 'the database';
  const rows = backup
    ? formatRows([
        ['Backup', `${backup.filename} (id ${backup.id})`],
        ['Created', backup.created_at],
        ['Size', formatSize(backup.size)],
        ['SHA-256', shortSha256(backup.sha256)],
        ['Database', backup.database],
      ])
    : [`Backup:  ${printable(asked)} (not in the daemon's backup list; the daemon will check it)`];
  return [
    'RESTORE SUMMARY',
    ...rows,
    `WARNING: ALL current data in ${printable(database)} will be replaced by this backup's data.`,
    '',
  ];
}

/** With --json the summary and the question go to stderr, keeping stdout parseable. */
function humanSink(context: CommandContext) {
  return context.json ? context.io.stderr : context.io.stdout;
}

async function approve(context: CommandContext, summary: readonly string[], confirmed: boolean) {
  const sink = humanSink(context);
  writeLines(sink, summary);
  if (confirmed) return true;
  return confirm(context.io.stdin, sink, 'Proceed? (y/N): ');
}

function restoredLine(backup: Backup): string {
  const database = backup.database || 'the database';
  return printable(`Restored ${backup.filename} into ${database}.`);
}
