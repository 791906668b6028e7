import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The gateway's OpenAPI document at `/docs-json`, browsable at `/docs`. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Frontpage gateway')
    .setDescription(
      'What readers and their apps read: lists, search, article pages with comments, syndication feeds and HTML pages. ' +
        'Successful GET answers carry an ETag (send If-None-Match for a 304) and a Cache-Control suited to the route. ' +
        'Errors are `{ error: { code, message, fields? } }` with stable codes.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
