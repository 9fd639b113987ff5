// The container benchmark's tables: one row per run and a median row, each column its own median.
import type { LoadFigures } from './http-load.js';
import { median } from './median.js';

export interface StartFigures {
  apiMs: number;
  healthyMs: number;
  process: string;
  /** Highest VmRSS seen while sampling. */
  peakMib: number;
  /** The settled figures: medians of the last readings. */
  rssMib: number;
  anonMib: number;
  fileMib: number;
}

export interface LoadRound {
  updater: LoadFigures;
  bare: LoadFigures;
}

interface Column<T> {
  header: string;
  value: (row: T) => number;
  digits: number;
}

export const startColumns: Column<StartFigures>[] = [
  { header: 'GET /health 200 ms', value: (s) => s.apiMs, digits: 0 },
  { header: 'docker healthy ms', value: (s) => s.healthyMs, digits: 0 },
  { header: 'peak VmRSS MiB', value: (s) => s.peakMib, digits: 1 },
  { header: 'idle VmRSS MiB', value: (s) => s.rssMib, digits: 1 },
  { header: 'RssAnon', value: (s) => s.anonMib, digits: 1 },
  { header: 'RssFile', value: (s) => s.fileMib, digits: 1 },
];

const throughputRatio = (r: LoadRound) => r.updater.reqPerSec / r.bare.reqPerSec;
const p99Ratio = (r: LoadRound) => r.updater.p99Ms / r.bare.p99Ms;

export const loadColumns: Column<LoadRound>[] = [
  { header: 'updater req/s', value: (r) => r.updater.reqPerSec, digits: 0 },
  { header: 'bare req/s', value: (r) => r.bare.reqPerSec, digits: 0 },
  { header: 'ratio', value: throughputRatio, digits: 2 },
  { header: 'updater p99 ms', value: (r) => r.updater.p99Ms, digits: 1 },
  { header: 'bare p99 ms', value: (r) => r.bare.p99Ms, digits: 1 },
  { header: 'ratio', value: p99Ratio, digits: 2 },
];

export function printTable<T>(label: string, columns: Column<T>[], rows: T[]): void {
  const cells = (values: number[]) => values.map((v, i) => v.toFixed(columns[i]?.digits ?? 0));
  const lines = [
    [label, ...columns.map((c) => c.header)],
    ...rows.map((row, i) => [String(i + 1), ...cells(columns.map((c) => c.value(row)))]),
    ['median', ...cells(columns.map((c) => median(rows.map(c.value))))],
  ];
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((l) => l[i]?.length ?? 0))) ?? [];
  for (const line of lines) {
    console.log(line.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  '));
  }
}

interface Check {
  name: string;
  value: string;
  bound: string;
  /** Undefined for a figure that is only reported. */
  ok?: boolean;
}

/** One line per target of issue 5; the p99 ratio has none and is only reported. */
export function printVerdict(imageMb: number, starts: StartFigures[], load: LoadRound[]): boolean {
  const rssMib = median(starts.map((s) => s.rssMib));
  const rssMb = (rssMib * 2 ** 20) / 1e6;
  const throughput = median(load.map(throughputRatio));
  const p99 = median(load.map(p99Ratio));
  const checks: Check[] = [
    { name: 'image size', value: `${imageMb.toFixed(1)} MB`, bound: '< 250 MB', ok: imageMb < 250 },
    // Checked in MiB, the unit RSS is read in (/proc, ps and docker stats count in KiB or MiB);
    // the decimal figure is printed beside it.
    {
      name: 'idle RSS',
      value: `${rssMib.toFixed(1)} MiB = ${rssMb.toFixed(1)} MB`,
      bound: '< 80 MiB',
      ok: rssMib < 80,
    },
    {
      name: 'throughput updater/bare',
      value: throughput.toFixed(2),
      bound: '>= 0.5',
      ok: throughput >= 0.5,
    },
    { name: 'p99 updater/bare', value: p99.toFixed(2), bound: 'none' },
  ];
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks) {
    const verdict = c.ok === undefined ? 'reported' : c.ok ? 'ok' : 'MISSED';
    console.log(`${c.name.padEnd(width)}  ${c.value} (target ${c.bound})  ${verdict}`);
  }
  return checks.every((c) => c.ok !== false);
}
