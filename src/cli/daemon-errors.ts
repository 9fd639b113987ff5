/** The daemon answered, but not with success: its JSON error, or a FAILED job. */
export class DaemonError extends Error {
  override readonly name = 'DaemonError';
  readonly status: number;
  readonly code: string;
  /** The parsed answer, kept so that `--json` can print it as the daemon sent it. */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, body: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** No answer at all: nothing listening, a timeout, or the connection dropped. */
export class DaemonConnectionError extends Error {
  override readonly name = 'DaemonConnectionError';
}

export function notReachable(baseUrl: string, detail: string): DaemonConnectionError {
  return new DaemonConnectionError(
    `payram-updater daemon is not reachable at ${baseUrl} (${detail}). Is it running? ` +
      'Start it with `payram-updater serve` or check UPDATER_PORT.',
  );
}

export function connectionLost(baseUrl: string, detail: string): DaemonConnectionError {
  return new DaemonConnectionError(
    `The connection to the payram-updater daemon at ${baseUrl} was lost (${detail}).`,
  );
}

/** Reads `{error, code}` or a FAILED job `{error_code, error_message}`; plain text otherwise. */
export function daemonErrorFromAnswer(status: number, text: string): DaemonError {
  const body = parseJsonOrUndefined(text);
  const fields = isRecord(body) ? body : {};
  const code = textField(fields, 'code') ?? textField(fields, 'error_code') ?? `HTTP_${status}`;
  const message =
    textField(fields, 'error') ??
    textField(fields, 'error_message') ??
    (text.trim().slice(0, 300) || `HTTP ${status}`);
  return new DaemonError(status, code, message, body);
}

export function isAuthFailure(error: DaemonError): boolean {
  return error.status === 401 || error.status === 403;
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textField(fields: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
