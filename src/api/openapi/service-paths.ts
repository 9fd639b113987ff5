import { closedObject, ref, type JsonSchema } from './json-schema.js';
import { json, responseRef, type PathItem } from './openapi-types.js';
import { jsonBody, readOperation, writeOperation } from './operations.js';
import { historyStatuses, historyTypes } from './vocabularies.js';

const succeeded = { const: true } as const;
const listOf = (name: 'Backup' | 'HistoryEvent'): JsonSchema => ({
  type: 'array',
  items: ref(name),
});

const historyFilters = [
  {
    name: 'type',
    in: 'query',
    description: 'Only events of this kind.',
    schema: { type: 'string', enum: historyTypes },
  },
  {
    name: 'status',
    in: 'query',
    description: 'Only events with this status.',
    schema: { type: 'string', enum: historyStatuses },
  },
  {
    name: 'limit',
    in: 'query',
    description: 'At most this many events.',
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
] as const;

const backupsTags = ['backups'];

export const servicePaths: Readonly<Record<string, PathItem>> = {
  '/health': {
    get: readOperation({
      operationId: 'getHealth',
      summary: 'Whether the updater answers',
      tags: ['service'],
      responses: { '200': json('It does.', closedObject({ status: { const: 'healthy' } })) },
    }),
  },
  '/openapi.json': {
    get: readOperation({
      operationId: 'getOpenApiDocument',
      summary: 'This document',
      tags: ['service'],
      responses: {
        '200': json('OpenAPI 3.1.', {
          type: 'object',
          properties: { openapi: { const: '3.1.0' } },
          required: ['openapi', 'info', 'paths', 'components'],
        }),
      },
    }),
  },
  '/history': {
    get: readOperation({
      operationId: 'getHistory',
      summary: 'Upgrade, backup and restore events, newest first',
      tags: ['history'],
      parameters: historyFilters,
      responses: {
        '200': json('The events that match.', closedObject({ logs: listOf('HistoryEvent') })),
        '400': responseRef('BadRequest'),
      },
    }),
  },
  '/backups': {
    get: readOperation({
      operationId: 'listBackups',
      summary: 'The backups kept in BACKUP_DIR',
      tags: backupsTags,
      responses: {
        '200': json(
          'As the backup index lists them.',
          closedObject({
            success: succeeded,
            count: { type: 'integer', minimum: 0 },
            backups: listOf('Backup'),
          }),
        ),
      },
    }),
    post: writeOperation({
      operationId: 'createBackup',
      summary: 'Backs the Payram database up now',
      tags: backupsTags,
      requestBody: jsonBody('Ignored; may be omitted.', { type: 'object' }, false),
      responses: {
        '201': json(
          'The backup was made and verified.',
          closedObject({ success: succeeded, backup: ref('Backup') }),
        ),
        '409': responseRef('Conflict'),
        '422': responseRef('Unprocessable'),
        '502': responseRef('BadGateway'),
      },
    }),
  },
  '/backups/restore': {
    post: writeOperation({
      operationId: 'restoreBackup',
      summary: 'Restores a backup into the Payram database',
      tags: backupsTags,
      requestBody: jsonBody('Which backup, and the confirmation.', ref('RestoreRequest')),
      responses: {
        '200': json(
          'The database is as the backup left it.',
          closedObject({
            success: succeeded,
            restored: ref('Backup'),
            message: { type: 'string' },
          }),
        ),
        '404': responseRef('NotFound'),
        '409': responseRef('Conflict'),
        '422': responseRef('Unprocessable'),
        '502': responseRef('BadGateway'),
      },
    }),
  },
};
