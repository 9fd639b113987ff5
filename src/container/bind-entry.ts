/** A `-v source:destination[:options]` entry taken apart. */
export interface BindEntry {
  source: string;
  destination: string;
  options: string[];
}

export function parseBind(bind: string): BindEntry {
  const [source = '', destination = '', options = ''] = bind.split(':');
  return { source, destination, options: options === '' ? [] : options.split(',') };
}

/** A bind's source is a host path when absolute, otherwise the name of a volume. */
export function bindSourceKind(source: string): 'bind' | 'volume' {
  return source.startsWith('/') ? 'bind' : 'volume';
}

export function isReadOnlyBind(entry: BindEntry): boolean {
  return entry.options.includes('ro');
}

/** Paths compared as the engine would: `/data/` and `/data` are one mount point. */
export function cleanPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
