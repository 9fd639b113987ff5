import { printable } from './render.js';
import type { Plan } from './responses.js';

// Plain `!` and `i` markers: emoji take two terminal columns and would break the right edge.
const minInnerWidth = 62;
const noteWidth = minInnerWidth - 6;

/** The UPGRADE SUMMARY shown before `run` asks to proceed; every line has the same width. */
export function renderSummaryBox(plan: Plan): string[] {
  const fields = summaryFields(plan);
  const notes = summaryNotes(plan);
  const inner = Math.max(minInnerWidth, ...[...fields, ...notes].map((line) => line.length + 3));
  const row = (text: string) => `║  ${text.padEnd(inner - 2)}║`;
  const rule = (left: string, right: string) => `${left}${'═'.repeat(inner)}${right}`;
  return [
    rule('╔', '╗'),
    `║${centered('UPGRADE SUMMARY', inner)}║`,
    rule('╠', '╣'),
    ...fields.map(row),
    rule('╠', '╣'),
    ...notes.map(row),
    rule('╚', '╝'),
  ];
}

function summaryFields(plan: Plan): string[] {
  const fields: [string, string | null | undefined][] = [
    ['Mode', plan.mode],
    ['Requested Target', plan.requested_target],
    ['Resolved Target', plan.resolved_target],
    ['Image', plan.image],
    ['Container', plan.container],
    ['Current Version', plan.current_version],
  ];
  return fields.map(([label, value]) => `${`${label}:`.padEnd(17)} ${printable(value || '-')}`);
}

function summaryNotes(plan: Plan): string[] {
  const notes =
    plan.execution_mode === 'dry-run'
      ? [note('i', 'The daemon is in dry-run mode: it will log each step and change nothing.')]
      : [note('!', 'This will stop and replace the container.', 'Brief downtime expected.')];
  if (plan.mode === 'DASHBOARD') {
    notes.push(note('i', 'Dashboard upgrades may be blocked by policy breakpoints.'));
  }
  for (const warning of plan.warnings ?? []) notes.push(note('!', printable(warning)));
  return notes.flatMap((lines, index) => (index === 0 ? lines : ['', ...lines]));
}

/** A marker, then each paragraph wrapped at word boundaries and indented under the first. */
function note(marker: string, ...paragraphs: string[]): string[] {
  const lines = paragraphs.flatMap((paragraph) => wrap(paragraph, noteWidth));
  return lines.map((line, index) => `${index === 0 ? marker : ' '}  ${line}`);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return line === '' ? lines : [...lines, line];
}

function centered(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2);
  return `${' '.repeat(left)}${text}`.padEnd(width);
}
