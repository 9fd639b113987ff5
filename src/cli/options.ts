import type { UpgradeMode } from '../policy/types.js';
import { UsageError } from './usage-error.js';

/**
 * The raw text given for `flag`, the last one winning. Ideally cac's parsed options would do, but
 * its parser turns number-like values into numbers (`--to 1.10` becomes 1.1); for now values are
 * read back from argv, until cac lets an option be declared as a string.
 */
export function rawOptionValue(argv: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  for (const [index, token] of argv.entries()) {
    if (token === '--') break;
    if (token === flag) value = argv[index + 1];
    else if (token.startsWith(`${flag}=`)) value = token.slice(flag.length + 1);
  }
  return value;
}

export function optionalText(argv: readonly string[], flag: string): string | undefined {
  const value = rawOptionValue(argv, flag)?.trim();
  if (value === '') throw new UsageError(`${flag} needs a value`);
  return value;
}

export function requiredText(argv: readonly string[], flag: string, example: string): string {
  const value = optionalText(argv, flag);
  if (value === undefined) throw new UsageError(`${flag} is required, e.g. ${flag} ${example}`);
  return value;
}

const modes: Readonly<Record<string, UpgradeMode>> = { dashboard: 'DASHBOARD', manual: 'MANUAL' };

export function parseMode(value: string): UpgradeMode {
  const mode = modes[value.toLowerCase()];
  if (mode === undefined) {
    throw new UsageError(`--mode must be "dashboard" or "manual", got "${value}"`);
  }
  return mode;
}

export function parseChoice<T extends string>(
  flag: string,
  value: string,
  choices: readonly T[],
): T {
  const choice = choices.find((candidate) => candidate === value.toLowerCase());
  if (choice === undefined) {
    throw new UsageError(`${flag} must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return choice;
}

export function parseIntegerInRange(flag: string, value: string, min: number, max: number) {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
}
