import { formatRows, printable } from '../render.js';
import { renderPlaybook } from '../render-job.js';
import type { Inspection } from './recovery-answers.js';

type Update = NonNullable<Inspection['update']>;

/** The overall state first, as the line a glance is for; details below it. */
export function renderInspection(inspection: Inspection): string[] {
  const lines = [
    `Overall: ${printable(inspection.overall_state)}`,
    ...formatRows([['Checked at', inspection.checked_at]]),
    ...checkLines(inspection.checks ?? {}),
    ...issueLines(inspection.issues ?? []),
    ...recommendationLines(inspection.recommendations ?? []),
    ...updateLines(inspection.update ?? undefined),
  ];
  const playbook = inspection.playbook;
  return playbook ? [...lines, '', ...renderPlaybook(playbook)] : lines;
}

function checkLines(checks: NonNullable<Inspection['checks']>): string[] {
  const entries = Object.entries(checks);
  if (entries.length === 0) return [];
  const width = Math.max(...entries.map(([component]) => component.length));
  const line = ([component, check]: (typeof entries)[number]) =>
    `  ${check.ok ? '✓' : '✗'} ${component.padEnd(width)}  ${check.detail ?? ''}`.trimEnd();
  return ['Checks:', ...entries.map((entry) => printable(line(entry)))];
}

function issueLines(issues: NonNullable<Inspection['issues']>): string[] {
  if (issues.length === 0) return ['Issues: none'];
  const line = (issue: (typeof issues)[number]) =>
    `  ${(issue.severity || '-').padEnd(8)}  ${issue.component || '-'}: ${issue.description}`;
  return ['Issues:', ...issues.map((issue) => printable(line(issue)))];
}

function recommendationLines(recommendations: readonly string[]): string[] {
  if (recommendations.length === 0) return [];
  return ['Recommendations:', ...recommendations.map((text) => `  - ${printable(text)}`)];
}

function updateLines(update: Update | undefined): string[] {
  if (update === undefined) return [];
  const rows = formatRows([
    ['Current version', update.current_version || 'unknown'],
    ['Latest version', update.latest_version || 'unknown'],
    ['Dashboard upgrade', dashboardText(update)],
  ]);
  return ['Update:', ...rows.map((row) => `  ${row}`)];
}

function dashboardText(update: Update): string | undefined {
  if (update.dashboard_can_upgrade === undefined) return undefined;
  if (!update.dashboard_can_upgrade) return 'not allowed';
  const limit = update.dashboard_max_target || update.latest_version;
  return limit ? `allowed, up to ${limit}` : 'allowed';
}
