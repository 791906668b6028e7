import { Topics } from '../topics';
import { EventSchema, JsonSchema } from './event-schemas';

const KAFKA_BINDING_VERSION = '0.5.0';

const CLOUD_EVENT_HEADERS: Record<string, JsonSchema> = {
  ce_specversion: { type: 'string', const: '1.0', description: 'CloudEvents spec version.' },
  ce_id: { type: 'string', minLength: 1, description: 'Event id: the same id means the same event; deduplicate by it.' },
  ce_type: { type: 'string', description: 'Event type.' },
  ce_source: { type: 'string', description: 'The service that produced the event, e.g. /frontpage/article.' },
  ce_time: { type: 'string', format: 'date-time', description: 'When the event was produced.' },
  ce_subject: { type: 'string', description: 'The aggregate the event is about: the article id.' },
  ce_correlationid: { type: 'string', description: 'Id of the request that caused the event, carried across services.' },
  traceparent: { type: 'string', pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', description: 'W3C Trace Context.' },
  'content-type': { type: 'string', const: 'application/json' },
};

const CHANNEL_DESCRIPTIONS: Record<string, string> = {
  [Topics.NewsArticles]: 'The life of every article: published, updated (each new version) and withdrawn. Keyed by article id.',
  [Topics.NewsComments]: 'Comments as they are published or removed, public fields only. Keyed by article id.',
};

function channelId(topic: string): string {
  return topic.replace(/\.(\w)/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The AsyncAPI 3 description of every public topic, built from the same schemas as the code uses,
 * so the document partners read is always the contract the services enforce.
 */
export function buildAsyncApiDocument(schemas: EventSchema[], partitions = 6): Record<string, unknown> {
  const publicSchemas = schemas.filter((schema) => schema.public);
  const topics = [...new Set(publicSchemas.map((schema) => schema.topic))];
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const components: Record<string, unknown> = {};

  for (const topic of topics) {
    const id = channelId(topic);
    const types = publicSchemas.filter((schema) => schema.topic === topic);
    channels[id] = {
      address: topic,
      description: CHANNEL_DESCRIPTIONS[topic] ?? topic,
      messages: Object.fromEntries(types.map((t) => [t.type, { $ref: `#/components/messages/${t.type}` }])),
      bindings: { kafka: { topic, partitions, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    operations[`receive${id[0].toUpperCase()}${id.slice(1)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: `Subscribe to ${topic}.`,
      messages: types.map((t) => ({ $ref: `#/channels/${id}/messages/${t.type}` })),
    };
    for (const { type, schema } of types) {
      const { $schema: _dialect, $id: _id, ...payload } = schema;
      components[type] = payload;
      messages[type] = {
        name: type,
        title: type,
        contentType: 'application/json',
        headers: {
          type: 'object',
          required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'content-type'],
          properties: { ...CLOUD_EVENT_HEADERS, ce_type: { type: 'string', const: type, description: 'Event type.' } },
        },
        payload: { $ref: `#/components/schemas/${type}` },
        bindings: {
          kafka: { key: { type: 'string', format: 'uuid', description: 'The article id.' }, bindingVersion: KAFKA_BINDING_VERSION },
        },
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Frontpage public events',
      version: '1.0.0',
      description:
        'Public Kafka topics of Frontpage. Messages are CloudEvents 1.0 in Kafka binary mode: attributes in ce_* headers, ' +
        'the event data as the JSON value. Delivery is at least once and ordered per article (the key); deduplicate by ce_id. ' +
        'Generated from the code by `npm run contracts:generate`; see docs/partners.md.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'The broker started by `npm start` (use your own cluster address in production).',
      },
    },
    channels,
    operations,
    components: { messages, schemas: components },
  };
}
