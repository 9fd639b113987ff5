import type { HistoryEvent, Plan } from './responses.js';

export type Row = readonly [label: string, value: string | null | undefined];

/** Text from the daemon with control characters made visible, so it cannot steer a terminal. */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, '?');
}

/** `Label:` columns padded to the longest label; rows without a value are left out. */
export function formatRows(rows: readonly Row[]): string[] {
  const shown = rows.filter((row): row is readonly [string, string] => Boolean(row[1]));
  const width = Math.max(0, ...shown.map(([label]) => label.length + 1));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${printable(value)}`);
}

export function renderJson(body: unknown): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function failedStateLine(code: string, message: string): string {
  return `State: FAILED (${printable(code)}): ${printable(message)}`;
}

export function targetText(requested: string | null | undefined, resolved?: string | null) {
  if (!requested) return resolved;
  if (!resolved || resolved === requested) return requested;
  return `${requested} -> ${resolved}`;
}

const sourceNames: Readonly<Record<string, string>> = {
  core: 'reported by the core',
  label: 'from the image label',
  tag: 'from the image tag',
  hint: 'hint given with --current, not observed',
};

function currentVersionText(plan: Plan): string | undefined {
  if (!plan.current_version) return plan.current_version_source === null ? 'unknown' : undefined;
  const source = plan.current_version_source;
  return source
    ? `${plan.current_version} (${sourceNames[source] ?? source})`
    : plan.current_version;
}

function listSection(title: string, items: readonly string[], marker: (i: number) => string) {
  if (items.length === 0) return [];
  return [`${title}:`, ...items.map((item, i) => `  ${marker(i)} ${printable(item)}`)];
}

/** The plan as lines, without the final state line. */
export function renderPlanLines(plan: Plan): string[] {
  const breakpoints = (plan.breakpoints_in_the_way ?? []).map((point) =>
    point.docs
      ? `${point.version}: ${point.reason} (${point.docs})`
      : `${point.version}: ${point.reason}`,
  );
  return [
    ...formatRows([
      ['Mode', plan.mode],
      ['Target', targetText(plan.requested_target, plan.resolved_target)],
      ['Image', plan.image],
      ['Container', plan.container],
      ['Current version', currentVersionText(plan)],
      ['Execution mode', plan.execution_mode],
      ['Dashboard can reach', plan.highest_dashboard_target],
    ]),
    ...listSection('Breakpoints in the way', breakpoints, () => '-'),
    ...listSection('Warnings', plan.warnings ?? [], () => '!'),
    ...listSection('Steps', plan.steps ?? [], (i) => `${i + 1}.`),
  ];
}

export function planStateLine(plan: Plan): string {
  if (plan.allowed) return 'State: READY';
  return failedStateLine(
    plan.error_code ?? 'REFUSED',
    plan.error_message ?? 'The plan was refused',
  );
}

export function renderHistory(events: readonly HistoryEvent[]): string[] {
  if (events.length === 0) return ['No history events.'];
  return events.map((event) =>
    printable(
      [
        event.timestamp ?? '-',
        (event.type ?? '-').padEnd(7),
        (event.status ?? '-').padEnd(9),
        event.job_id || '-',
        event.message ?? '',
      ]
        .join('  ')
        .trimEnd(),
    ),
  );
}
