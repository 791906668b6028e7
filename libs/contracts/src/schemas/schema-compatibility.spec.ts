import { breakingChanges } from './schema-compatibility';

const base = {
  type: 'object',
  required: ['id', 'tags'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    tags: { type: 'array', items: { type: 'string' } },
    note: { type: 'string' },
  },
};

describe('breakingChanges', () => {
  it('accepts an identical schema and a new optional field', () => {
    expect(breakingChanges(base, base)).toEqual([]);
    const withOptional = { ...base, properties: { ...base.properties, extra: { type: 'integer' } } };
    expect(breakingChanges(base, withOptional)).toEqual([]);
  });

  it('accepts a relaxed limit and a field that is no longer required', () => {
    const relaxed = { ...base, required: ['id'], properties: { ...base.properties, note: { type: 'string', maxLength: 10 } } };
    expect(breakingChanges(base, relaxed)).toEqual([]);
  });

  it('reports a removed field', () => {
    const { note: _note, ...properties } = base.properties;
    expect(breakingChanges(base, { ...base, properties })).toEqual(['field "note" was removed']);
  });

  it('reports a retyped field, a changed format and a retyped array item', () => {
    const changed = {
      ...base,
      properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'integer' } }, note: { type: 'integer' } },
    };
    expect(breakingChanges(base, changed)).toEqual([
      'field "id" changed format from "uuid" to undefined',
      'field "tags[]" changed type from "string" to "integer"',
      'field "note" changed type from "string" to "integer"',
    ]);
  });

  it('reports a newly required field, even an existing optional one', () => {
    expect(breakingChanges(base, { ...base, required: ['id', 'tags', 'note'] })).toEqual(['field "note" is newly required']);
  });

  it('looks inside nested objects', () => {
    const nested = { type: 'object', properties: { author: { type: 'object', properties: { name: { type: 'string' } } } } };
    const changed = { type: 'object', properties: { author: { type: 'object', properties: {} } } };
    expect(breakingChanges(nested, changed)).toEqual(['field "author.name" was removed']);
  });
});
