import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JsonSchema } from './event-schemas';

/** Where the published contract lives: one file per topic and event type. */
export const SCHEMA_DIR = resolve(__dirname, '../../schemas');
export const ASYNCAPI_FILE = resolve(__dirname, '../../../../docs/asyncapi.yaml');

export function schemaPath(topic: string, type: string): string {
  return join(SCHEMA_DIR, topic, `${type}.schema.json`);
}

export function readCommittedSchemas(): { topic: string; type: string; schema: JsonSchema }[] {
  if (!existsSync(SCHEMA_DIR)) return [];
  return readdirSync(SCHEMA_DIR).flatMap((topic) =>
    readdirSync(join(SCHEMA_DIR, topic))
      .filter((file) => file.endsWith('.schema.json'))
      .map((file) => ({
        topic,
        type: file.replace(/\.schema\.json$/, ''),
        schema: JSON.parse(readFileSync(join(SCHEMA_DIR, topic, file), 'utf8')) as JsonSchema,
      })),
  );
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
