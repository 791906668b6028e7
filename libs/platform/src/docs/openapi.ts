import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export interface OpenApiOptions {
  title: string;
  description: string;
  /** Describes the bearer credential the service's guarded routes take, when it has any. */
  bearerAuth?: string;
}

const ERRORS_NOTE = 'Errors are `{ error: { code, message, fields? } }` with stable codes.';

/** A service's OpenAPI document at `/docs-json` (and `/docs-yaml`), browsable at `/docs`. */
export function setupOpenApi(app: NestFastifyApplication, options: OpenApiOptions): OpenAPIObject {
  const builder = new DocumentBuilder().setTitle(options.title).setDescription(`${options.description} ${ERRORS_NOTE}`).setVersion('1');
  if (options.bearerAuth) builder.addBearerAuth({ type: 'http', scheme: 'bearer', description: options.bearerAuth });
  const document = closeRequestBodies(SwaggerModule.createDocument(app, builder.build()));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
  return document;
}

/**
 * The global validation pipe refuses unknown fields (`forbidNonWhitelisted`), so a body schema named
 * directly by a route is closed: `additionalProperties: false`. A body that is one of several
 * schemas (ingest's JSON or ninjs) is validated by its route and stays as documented.
 */
export function closeRequestBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.delete, path.patch]) {
      const body = operation?.requestBody;
      if (!body || '$ref' in body) continue;
      for (const media of Object.values(body.content)) {
        const ref = media.schema && '$ref' in media.schema ? media.schema.$ref : undefined;
        const schema = ref ? schemas[ref.replace('#/components/schemas/', '')] : undefined;
        if (schema && !('$ref' in schema)) schema.additionalProperties = false;
      }
    }
  }
  return document;
}
