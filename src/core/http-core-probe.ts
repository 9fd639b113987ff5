import type { CoreProbe, MigrationState } from '../jobs/ports.js';
import type { Logger } from '../shared/logger.js';
import { describeError } from '../shared/updater-error.js';

const migrationStates: readonly string[] = ['complete', 'running', 'failed'];

/** The Payram core over HTTP: every request bounded, every failure an answer. */
export class HttpCoreProbe implements CoreProbe {
  constructor(
    private readonly logger: Logger,
    private readonly requestTimeoutMs = 5000,
  ) {}

  async health(baseUrl: string, endpoint: string): Promise<{ ok: boolean; detail: string }> {
    const answer = await this.#get(baseUrl, endpoint);
    if (answer.kind === 'error') return { ok: false, detail: answer.detail };
    if (answer.status < 200 || answer.status > 299)
      return { ok: false, detail: `HTTP ${answer.status}` };
    const status = jsonField(answer.body, 'status');
    // The root page of older cores is HTML: its 200 is the health signal.
    if (status === undefined || status === 'ok' || status === 'healthy')
      return { ok: true, detail: 'ok' };
    return { ok: false, detail: `status ${status}` };
  }

  async version(baseUrl: string): Promise<string | undefined> {
    const answer = await this.#get(baseUrl, '/api/v1/version');
    if (answer.kind === 'error' || answer.status !== 200) return undefined;
    return jsonField(answer.body, 'version');
  }

  async migrations(
    baseUrl: string,
  ): Promise<{ state: MigrationState; detail: string } | undefined> {
    const answer = await this.#get(baseUrl, '/admin/migrations/status');
    if (answer.kind === 'error' || answer.status === 404) return undefined;
    const state = jsonField(answer.body, 'state');
    if (state === undefined || !migrationStates.includes(state)) {
      return { state: 'running', detail: `unreadable answer (HTTP ${answer.status})` };
    }
    const detail = jsonField(answer.body, 'error') ?? state;
    return { state: state as MigrationState, detail };
  }

  async #get(
    baseUrl: string,
    path: string,
  ): Promise<{ kind: 'answer'; status: number; body: string } | { kind: 'error'; detail: string }> {
    const url = `${baseUrl.replace(/\/$/, '')}${path}`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.requestTimeoutMs) });
      const body = (await res.text()).slice(0, 4096);
      this.logger.debug({ url, status: res.status }, 'core answered');
      return { kind: 'answer', status: res.status, body };
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      return { kind: 'error', detail: describeError(cause ?? error) };
    }
  }
}

function jsonField(body: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(body) as Record<string, unknown> | null)?.[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
