import type { JsonSchema } from './json-schema.js';
import { upgradeModes } from './vocabularies.js';

// The tag grammar request-schemas.ts checks with isValidTag; `latest` fits it too.
const tag = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const target: JsonSchema = {
  type: 'string',
  pattern: `^${tag}$`,
  description: '`latest` or an image tag (a version such as 1.2.3).',
  examples: ['latest', '1.2.3'],
};
const currentVersion: JsonSchema = {
  type: 'string',
  pattern: `^(${tag})?$`,
  description: 'What the client believes runs now; used only when nothing is observed.',
};

function alias(of: string, schema: JsonSchema): JsonSchema {
  return { ...schema, description: `Alias of ${of}; when both are sent they must agree.` };
}

const upgradeRequest: JsonSchema = {
  type: 'object',
  description:
    'snake_case, or the camelCase names some Payram dashboards send. Other properties are ignored.',
  properties: {
    mode: {
      type: 'string',
      enum: upgradeModes,
      description: 'Matched without regard to case. DASHBOARD upgrades obey the release policy.',
    },
    requested_target: target,
    requestedTarget: alias('requested_target', target),
    current_version: currentVersion,
    currentVersion: alias('current_version', currentVersion),
    source: { type: 'string', description: 'Sent by some dashboards; accepted and ignored.' },
  },
  required: ['mode'],
  anyOf: [{ required: ['requested_target'] }, { required: ['requestedTarget'] }],
};

const restoreRequest: JsonSchema = {
  type: 'object',
  description: 'Names one backup, by id or by file name. Other properties are ignored.',
  properties: {
    id: { type: 'string', minLength: 1, description: 'As GET /backups lists it.' },
    file: { type: 'string', minLength: 1, description: 'A file inside BACKUP_DIR.' },
    confirm: {
      const: true,
      description: 'A restore replaces all current data: without `true` it is refused.',
    },
  },
  required: ['confirm'],
  oneOf: [{ required: ['id'] }, { required: ['file'] }],
};

export const requestBodySchemas = {
  UpgradeRequest: upgradeRequest,
  RestoreRequest: restoreRequest,
} satisfies Record<string, JsonSchema>;
