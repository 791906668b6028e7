import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SCHEMA_DIR = resolve(__dirname, '../../contracts/schemas');

/**
 * Validates message values against the committed JSON Schemas (the published contract), by topic
 * and `ce_type`, the way a partner would. Returns the problems, an empty list when the message is valid.
 */
export class EventSchemaValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
    for (const topic of readdirSync(SCHEMA_DIR)) {
      for (const file of readdirSync(join(SCHEMA_DIR, topic))) {
        const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, topic, file), 'utf8')) as object;
        this.validators.set(`${topic}/${file.replace(/\.schema\.json$/, '')}`, ajv.compile(schema));
      }
    }
  }

  problems(topic: string, type: string | undefined, value: string | null): string[] {
    const validate = this.validators.get(`${topic}/${type}`);
    if (!validate) return [`no schema for ${type} on ${topic}`];
    let data: unknown;
    try {
      data = JSON.parse(value ?? '');
    } catch {
      return ['value is not JSON'];
    }
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
}
