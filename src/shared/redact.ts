const mask = '***';

/** A URL as it may appear in logs and messages: no userinfo, no query (tokens hide there). */
export function redactUrl(source: string): string {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return source;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return source;
  const userinfo = url.username !== '' || url.password !== '' ? `${mask}@` : '';
  const query = url.search !== '' ? `?${mask}` : '';
  return `${url.protocol}//${userinfo}${url.host}${url.pathname}${query}`;
}

export function redactSecret(value: string | undefined): string | undefined {
  return value === undefined ? undefined : mask;
}
