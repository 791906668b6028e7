import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { IS_ISO8601 } from 'class-validator';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { TOPIC_EVENTS } from '../event-map';
import { isPublicTopic } from '../topics';

export type JsonSchema = Record<string, unknown>;

export interface EventSchema {
  topic: string;
  type: string;
  public: boolean;
  schema: JsonSchema;
}

const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** How class-validator rules the library does not map by itself become JSON Schema. */
const converters = {
  // Every timestamp we publish is a full RFC 3339 date-time, never a bare date.
  [IS_ISO8601]: { type: 'string', format: 'date-time' },
};

/**
 * The JSON Schema of every event type, generated from the same class-validator classes that validate
 * messages at run time, so the published contract cannot drift from the code. Objects are closed
 * (`additionalProperties: false`): a field we publish by accident, such as personal data, fails
 * validation instead of leaking.
 */
export function buildEventSchemas(): EventSchema[] {
  const options = { additionalConverters: converters as never, classTransformerMetadataStorage: defaultMetadataStorage };
  const nested = validationMetadatasToSchemas(options) as Record<string, JsonSchema>;
  return Object.entries(TOPIC_EVENTS).flatMap(([topic, events]) =>
    Object.entries(events as Record<string, new () => object>).map(([type, eventClass]) => ({
      topic,
      type,
      public: isPublicTopic(topic),
      schema: {
        $schema: JSON_SCHEMA_DIALECT,
        $id: `urn:frontpage:schema:${topic}:${type}`,
        title: type,
        description: `Data of the ${type} event on ${topic} (CloudEvents binary mode: this is the message value).`,
        ...(inlineReferences(normalise(targetConstructorToSchema(eventClass, options)), nested) as JsonSchema),
        additionalProperties: false,
      },
    })),
  );
}

/** Stable key order and no `oneOf` noise, so generated files diff cleanly. */
function normalise(schema: object): JsonSchema {
  const {
    properties = {},
    required = [],
    type,
  } = schema as { properties?: Record<string, JsonSchema>; required?: string[]; type?: string };
  return {
    type,
    required: [...required].sort(),
    properties: Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, sortKeys(value)])),
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * Nested classes (an article's body blocks) come out as `$ref`s to definitions; each event's schema
 * is one self-contained file, so they are written in place, closed like the event itself.
 */
function inlineReferences(value: unknown, definitions: Record<string, JsonSchema>): unknown {
  if (Array.isArray(value)) return value.map((item) => inlineReferences(item, definitions));
  if (!value || typeof value !== 'object') return value;
  const { $ref, ...rest } = value as { $ref?: unknown };
  if (typeof $ref === 'string') {
    const name = $ref.replace('#/definitions/', '');
    const definition = definitions[name];
    if (!definition) throw new Error(`no schema for ${$ref}`);
    return { ...(inlineReferences(normalise(definition), definitions) as JsonSchema), additionalProperties: false, ...rest };
  }
  return Object.fromEntries(Object.entries(rest).map(([key, item]) => [key, inlineReferences(item, definitions)]));
}
