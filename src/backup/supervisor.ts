import type { ContainerRuntime } from '../jobs/ports.js';

export interface Program {
  name: string;
  state: string;
}

/** supervisord's programs in the Payram container; none when it has no supervisorctl. */
export async function listPrograms(
  runtime: ContainerRuntime,
  containerId: string,
): Promise<Program[]> {
  // supervisorctl status exits non-zero whenever a program is not running: read the lines anyway.
  const result = await runtime.exec(containerId, { cmd: ['supervisorctl', 'status'] });
  return result.stdout
    .split('\n')
    .map((line) => /^(\S+)\s+([A-Z]+)/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1] ?? '', state: match[2] ?? '' }));
}

/** The running programs that may be paused for a backup: all but the database's. */
export function applicationPrograms(
  programs: readonly Program[],
  exclude: readonly string[],
): string[] {
  return programs
    .filter((p) => p.state === 'RUNNING' && !exclude.includes(p.name.split(':')[0] ?? p.name))
    .map((p) => p.name);
}

export async function controlPrograms(
  runtime: ContainerRuntime,
  containerId: string,
  action: 'stop' | 'start',
  programs: readonly string[],
): Promise<void> {
  if (programs.length === 0) return;
  const result = await runtime.exec(containerId, { cmd: ['supervisorctl', action, ...programs] });
  // "already started" / "not running" are fine; anything else is worth an error.
  const failed = result.stdout
    .split('\n')
    .filter((l) => /ERROR/.test(l) && !/already|not running/.test(l));
  if (failed.length > 0) throw new Error(`supervisorctl ${action}: ${failed.join('; ')}`);
}
