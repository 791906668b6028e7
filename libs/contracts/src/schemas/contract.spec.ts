import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TOPIC_EVENTS } from '../event-map';
import { isPublicTopic } from '../topics';
import { buildAsyncApiDocument } from './asyncapi-document';
import { contractViolations } from './contract-check';
import { buildEventSchemas } from './event-schemas';
import { ASYNCAPI_FILE, readCommittedSchemas } from './schema-files';

const REGENERATE = 'run `npm run contracts:generate` and commit the result';

describe('the published contract', () => {
  const generated = buildEventSchemas();

  it('has no change that would break a consumer of the committed schemas', () => {
    expect(contractViolations(generated)).toEqual([]);
  });

  it(`is committed as generated from the code (${REGENERATE})`, () => {
    const committed = Object.fromEntries(readCommittedSchemas().map((s) => [`${s.topic}/${s.type}`, s.schema]));
    const current = Object.fromEntries(generated.map((s) => [`${s.topic}/${s.type}`, s.schema]));
    expect(committed).toEqual(current);
  });

  it('covers every event type of every topic', () => {
    const expected = Object.entries(TOPIC_EVENTS).flatMap(([topic, events]) => Object.keys(events).map((type) => `${topic}/${type}`));
    expect(generated.map((s) => `${s.topic}/${s.type}`).sort()).toEqual(expected.sort());
  });

  it('accepts a valid event and rejects a wrong type, a missing field and an undeclared field', () => {
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
    const schema = generated.find((s) => s.type === 'ArticleWithdrawn')!.schema;
    const validate = ajv.compile(schema);
    const valid = { id: '3f0c2c1e-8f3a-4b8e-9d2c-1a2b3c4d5e6f', version: 2, withdrawnAt: '2026-03-01T10:00:00.000Z' };
    expect(validate(valid)).toBe(true);
    expect(validate({ ...valid, version: '2' })).toBe(false);
    expect(validate({ id: valid.id, version: 2 })).toBe(false);
    expect(validate({ ...valid, authorEmail: 'someone@example.org' })).toBe(false);
  });
});

describe('docs/asyncapi.yaml', () => {
  const committed = readFileSync(ASYNCAPI_FILE, 'utf8');

  it(`describes exactly what the code publishes (${REGENERATE})`, () => {
    expect(parse(committed)).toEqual(buildAsyncApiDocument(buildEventSchemas()));
  });

  it('has a channel for every public topic and none for internal ones', () => {
    const channels = (parse(committed) as { channels: Record<string, { address: string }> }).channels;
    const addresses = Object.values(channels).map((channel) => channel.address);
    expect(addresses.sort()).toEqual(Object.keys(TOPIC_EVENTS).filter(isPublicTopic).sort());
  });

  it('is a valid AsyncAPI 3 document', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(expect.arrayContaining(['news.articles.v1']));
  });
});
