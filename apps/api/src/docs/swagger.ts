import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Writes each operation's roles (from @Public/@Roles/@SignedIn) into its description. */
function describeRoles(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      const roles = (operation as { 'x-roles'?: string[] } | undefined)?.['x-roles'];
      if (operation && roles) {
        const line = `**Roles / 权限:** ${roles.join(', ')}`;
        operation.description = operation.description
          ? `${line}\n\n${operation.description}`
          : line;
      }
    }
  }
  return document;
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Minsheng 民生实事 API')
    .setDescription(
      '群众提、代表定、政府办 — residents propose, deputies decide by secret ballot, the government delivers. ' +
        'Errors are `{statusCode, error, message, code}`; lists are `{items, total, page, pageSize}`; ' +
        'request bodies over 1 MB answer 413; sign-in endpoints are rate-limited (429).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return describeRoles(SwaggerModule.createDocument(app, config));
}

export function setUpApiDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });
}
