import { printable } from '../render.js';
import type { Backup } from './backup-answers.js';

const sizeUnits = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const next of sizeUnits) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value.toFixed(1)} ${unit}`;
}

/** Enough of the digest to compare by eye with `sha256sum`; the full one is in --json. */
export function shortSha256(sha256: string): string {
  return `${printable(sha256.slice(0, 12))}…`;
}

export function renderBackupCreated(backup: Backup): string[] {
  const facts = `${formatSize(backup.size)}, sha256 ${shortSha256(backup.sha256)}`;
  return [
    `Backup created: ${printable(backup.filename)} (${facts})`,
    ...(backup.path ? [printable(`Path: ${backup.path}`)] : []),
  ];
}

const tableHeader = ['ID', 'CREATED', 'KIND', 'FROM → TO', 'SIZE', 'FILENAME'] as const;

export function renderBackupTable(backups: readonly Backup[]): string[] {
  if (backups.length === 0) return ['No backups yet.'];
  const rows = newestFirst(backups).map((backup) => [
    backup.id,
    backup.created_at,
    backup.kind || '-',
    `${backup.from_version || '?'} → ${backup.target_version || '?'}`,
    formatSize(backup.size),
    backup.filename,
  ]);
  return alignColumns([[...tableHeader], ...rows]).map(printable);
}

/** The daemon already sends newest first; sorting again keeps the table right if it does not. */
function newestFirst(backups: readonly Backup[]): Backup[] {
  const time = (backup: Backup) => Date.parse(backup.created_at) || 0;
  return [...backups].sort((a, b) => time(b) - time(a));
}

function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
