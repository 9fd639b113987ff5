import type { Logger } from '../../src/shared/logger.js';

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

/** Captures log records so tests can assert on them (and on what never reaches them). */
export function captureLogger(records: LogRecord[] = []): Logger & { records: LogRecord[] } {
  const at =
    (level: LogRecord['level']) =>
    (fields: object, message: string): void => {
      records.push({ level, fields, message });
    };
  const logger = {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}
