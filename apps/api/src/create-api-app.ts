import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { mountQueuesDashboard } from './admin/queues-dashboard.js';
import { ApiModule } from './api.module.js';
import { ErrorFilter } from './common/error.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { setUpApiDocs } from './docs/swagger.js';
import { serveWebApp } from './web/serve-web-app.js';

export const BODY_LIMIT_BYTES = 1_048_576;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The API application, fully configured but not yet listening (tests use `inject`). */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A caller's request id is kept when it looks like one, so logs can be followed across services.
    genReqId: (request: IncomingMessage) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.register(config),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableCors({ origin: config.http.corsOrigins, credentials: false });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Helmet's middleware made once and applied to every answer (@fastify/helmet rebuilds it,
  // parsing the policy again, on each request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        // The API docs page needs inline styles and scripts of its own.
        styleSrc: [`'self'`, `'unsafe-inline'`],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
  await mountQueuesDashboard(app);
  setUpApiDocs(app);
  await serveWebApp(app, config.http.webRoot);
  return app;
}
