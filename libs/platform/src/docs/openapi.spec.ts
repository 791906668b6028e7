import type { OpenAPIObject } from '@nestjs/swagger';
import { closeRequestBodies } from './openapi';

function documentWith(body: object): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { post: { responses: {}, requestBody: { content: { 'application/json': { schema: body } } } } } },
    components: {
      schemas: {
        Strict: { type: 'object', properties: { a: { type: 'string' } } },
        Other: { type: 'object', properties: { b: { type: 'string' } } },
        Unused: { type: 'object', properties: { c: { type: 'string' } } },
      },
    },
  };
}

describe('closeRequestBodies', () => {
  it('closes the schema a route names as its body, and only that one', () => {
    const schemas = closeRequestBodies(documentWith({ $ref: '#/components/schemas/Strict' })).components!.schemas!;
    expect(schemas.Strict).toMatchObject({ additionalProperties: false });
    expect(schemas.Other).not.toHaveProperty('additionalProperties');
    expect(schemas.Unused).not.toHaveProperty('additionalProperties');
  });

  it('leaves a body that is one of several schemas open: its route decides', () => {
    const body = { oneOf: [{ $ref: '#/components/schemas/Strict' }, { $ref: '#/components/schemas/Other' }] };
    const schemas = closeRequestBodies(documentWith(body)).components!.schemas!;
    expect(schemas.Strict).not.toHaveProperty('additionalProperties');
    expect(schemas.Other).not.toHaveProperty('additionalProperties');
  });
});
