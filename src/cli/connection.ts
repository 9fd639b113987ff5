import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

export interface Connection {
  baseUrl: string;
  token: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const defaultPort = 2359;

export async function resolveConnection(env: Env, urlOption: string | undefined) {
  const connection: Connection = {
    baseUrl: resolveBaseUrl(env, urlOption),
    token: await readToken(env),
  };
  return connection;
}

export function resolveBaseUrl(env: Env, urlOption: string | undefined): string {
  if (urlOption !== undefined) return checkedBaseUrl(urlOption, '--url');
  const fromEnv = env['PAYRAM_UPDATER_URL'];
  if (fromEnv !== undefined && fromEnv !== '') return checkedBaseUrl(fromEnv, 'PAYRAM_UPDATER_URL');
  return `http://127.0.0.1:${portFrom(env['UPDATER_PORT'])}`;
}

function checkedBaseUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${source} must be an http(s) URL such as http://127.0.0.1:2359`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${source} must use http or https, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`${source} must not carry credentials; set UPDATER_API_TOKEN instead`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return defaultPort;
  const port = Number(value);
  if (/^\d+$/.test(value) && port >= 1 && port <= 65535) return port;
  throw new UsageError(`UPDATER_PORT must be a port number from 1 to 65535, got "${value}"`);
}

/** The value wins over the file when both are set, as a one-off override is usually meant. */
export async function readToken(env: Env): Promise<string | undefined> {
  const direct = env['UPDATER_API_TOKEN'];
  if (direct !== undefined && direct !== '')
    return checkedToken(direct.trim(), 'UPDATER_API_TOKEN');
  const file = env['UPDATER_API_TOKEN_FILE'];
  if (file === undefined || file === '') return undefined;
  return checkedToken(await readTokenFile(file), 'UPDATER_API_TOKEN_FILE');
}

async function readTokenFile(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`UPDATER_API_TOKEN_FILE ${file} cannot be read (${reason})`);
  }
}

/** The token itself never appears in a message, only which variable is wrong. */
function checkedToken(token: string, source: string): string {
  if (token === '') throw new UsageError(`${source} is set but empty`);
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UsageError(`${source} holds characters that an HTTP header cannot carry`);
  }
  return token;
}
