import {
  closedObject,
  nonEmptyText,
  nullable,
  oneOfValues,
  ref,
  textOrNull,
  timestamp,
  text,
  type JsonSchema,
} from './json-schema.js';
import { backupKinds, historyStatuses, historyTypes } from './vocabularies.js';

const historyEvent = closedObject({
  timestamp,
  type: oneOfValues(historyTypes),
  status: oneOfValues(historyStatuses),
  job_id: nonEmptyText,
  message: text,
  mode: textOrNull,
  from_version: textOrNull,
  to_version: textOrNull,
  error_code: nullable(ref('FailureCode')),
  downtime_ms: { type: ['integer', 'null'] },
});

const backup = closedObject({
  id: nonEmptyText,
  path: nonEmptyText,
  filename: nonEmptyText,
  size: { type: 'integer', minimum: 0, description: 'Bytes.' },
  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  created_at: timestamp,
  database: nonEmptyText,
  from_version: text,
  target_version: { ...text, description: '`manual` for a manual backup.' },
  job_id: text,
  kind: oneOfValues(backupKinds),
});

export const recordSchemas = {
  HistoryEvent: historyEvent,
  Backup: backup,
} satisfies Record<string, JsonSchema>;
