import { type } from 'arktype';
import { readAnswer } from '../responses.js';

// Lenient like responses.ts: only what the CLI shows must be there, the rest may be null.
const maybeText = 'string | null';

const backup = type({
  id: 'string',
  'path?': maybeText,
  filename: 'string',
  size: 'number',
  sha256: 'string',
  created_at: 'string',
  'database?': maybeText,
  'from_version?': maybeText,
  'target_version?': maybeText,
  'job_id?': maybeText,
  'kind?': maybeText,
});

const backupList = type({ backups: backup.array() });
const backupCreated = type({ backup });
const backupRestored = type({ restored: backup, 'message?': maybeText });

export type Backup = typeof backup.infer;

export const readBackupList = (body: unknown) =>
  readAnswer(backupList(body), 'GET /backups').backups;
export const readBackupCreated = (body: unknown) =>
  readAnswer(backupCreated(body), 'POST /backups').backup;
export const readBackupRestored = (body: unknown) =>
  readAnswer(backupRestored(body), 'POST /backups/restore').restored;
