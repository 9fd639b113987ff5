import type { PlaybookContext } from './playbook.js';
import { coreEndpointOf } from './published-port.js';

export const defaultContainerName = 'payram';

const defaultUpdaterUrl = 'http://127.0.0.1:2359';

// Words a shell passes through unchanged; anything else is single-quoted before it is pasted.
const plainShellWord = /^[\w@%+=:,./-]+$/;

export function shellQuote(value: string): string {
  return plainShellWord.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A value worth rendering: job records may carry '' where nothing was recorded. */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

export function containerNameOf(context: PlaybookContext): string {
  return present(context.containerName) ?? defaultContainerName;
}

export function coreUrl(context: PlaybookContext, path: string): string {
  const { host, port } = coreEndpointOf(context.ports);
  return `http://${host}:${port}${path}`;
}

export function updaterUrlOf(context: PlaybookContext): string {
  return (present(context.updaterUrl) ?? defaultUpdaterUrl).replace(/\/+$/, '');
}

/** The version to name in a command: the job's target, else what the dashboard asks for. */
export function targetTag(context: PlaybookContext): string {
  return present(context.toVersion) ?? 'latest';
}

export function targetText(context: PlaybookContext): string {
  const version = present(context.toVersion);
  return version === undefined ? 'the target version' : `version ${version}`;
}

export function fromText(context: PlaybookContext, fallback: string): string {
  const version = present(context.fromVersion);
  return version === undefined ? fallback : `version ${version}`;
}

export function oldImageText(context: PlaybookContext): string {
  return present(context.image) ?? fromText(context, 'the version from before the upgrade');
}

export function targetImageText(context: PlaybookContext): string {
  return present(context.targetImage) ?? targetText(context);
}
