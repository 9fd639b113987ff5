import { redactSecret, redactUrl } from '../shared/redact.js';
import type { Config } from './config.js';

/** The effective configuration as it may be logged: secrets replaced, URLs without credentials. */
export function maskConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    apiToken: redactSecret(config.apiToken),
    policyUrl: redactUrl(config.policyUrl),
    manifestUrl: redactUrl(config.manifestUrl),
    coreBaseUrl: config.coreBaseUrl === undefined ? undefined : redactUrl(config.coreBaseUrl),
  };
}
