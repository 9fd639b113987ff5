/** The part of JSON Schema 2020-12 the document uses; OpenAPI 3.1 schemas are plain JSON Schema. */
export interface JsonSchema {
  $ref?: string;
  type?: JsonType | readonly JsonType[];
  description?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  unevaluatedProperties?: boolean;
  items?: JsonSchema;
  maxItems?: number;
  enum?: readonly (string | null)[];
  const?: string | number | boolean | null;
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: string | number | boolean;
  examples?: readonly unknown[];
}

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** Every name under components.schemas: a `$ref` to anything else does not compile. */
export type SchemaName =
  | 'ErrorCode'
  | 'FailureCode'
  | 'Error'
  | 'UpgradeRequest'
  | 'Job'
  | 'IdleStatus'
  | 'JobCreated'
  | 'FailedJob'
  | 'Breakpoint'
  | 'Plan'
  | 'PlanRefusal'
  | 'RecoverRetried'
  | 'RecoveryRefused'
  | 'Playbook'
  | 'Issue'
  | 'Check'
  | 'Inspection'
  | 'HistoryEvent'
  | 'Backup'
  | 'RestoreRequest';

export function ref(name: SchemaName): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** An object whose properties are all required unless named optional; others are refused. */
export function closedObject(
  properties: Readonly<Record<string, JsonSchema>>,
  optional: readonly string[] = [],
): JsonSchema {
  return { ...openObject(properties, optional), additionalProperties: false };
}

/** The same, open to properties added by a schema that extends it (see `closed`). */
export function openObject(
  properties: Readonly<Record<string, JsonSchema>>,
  optional: readonly string[] = [],
): JsonSchema {
  const required = Object.keys(properties).filter((name) => !optional.includes(name));
  return { type: 'object', properties, required };
}

/** All of these together and nothing more: how an open base schema is extended and sealed. */
export function closed(...schemas: readonly JsonSchema[]): JsonSchema {
  return { type: 'object', allOf: schemas, unevaluatedProperties: false };
}

export function nullable(schema: JsonSchema): JsonSchema {
  return { oneOf: [schema, { type: 'null' }] };
}

export const text: JsonSchema = { type: 'string' };
export const nonEmptyText: JsonSchema = { type: 'string', minLength: 1 };
export const textOrNull: JsonSchema = { type: ['string', 'null'] };
export const texts: JsonSchema = { type: 'array', items: text };
export const timestamp: JsonSchema = { type: 'string', format: 'date-time' };

export function oneOfValues(values: readonly string[], description?: string): JsonSchema {
  const schema: JsonSchema = { type: 'string', enum: values };
  return description === undefined ? schema : { ...schema, description };
}
