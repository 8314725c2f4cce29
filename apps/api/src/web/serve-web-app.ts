import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app at `/`. Hashed assets are cached for good; every other path that is
 * not a file and not under `/api` answers the app's index.html, so that client routes such as
 * `/proposals/…` survive a reload. Unknown `/api` paths keep the API's JSON 404.
 */
export async function serveWebApp(app: NestFastifyApplication, webRoot: string): Promise<void> {
  const root = resolve(webRoot);
  const logger = new Logger('WebApp');
  if (!existsSync(resolve(root, 'index.html'))) {
    logger.warn(`No web app at ${root} (run \`npm run build:web\`): only the API is served`);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    // One route per built file (the build does not change while the API runs), so the
    // catch-all below decides everything else.
    wildcard: false,
    index: false,
    // The build writes .br and .gz beside each asset; they are sent to browsers that take them.
    preCompressed: true,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.callNotFound();
    }
    // Assets of a build made after the start (development rebuilds); a missing one is a 404,
    // never the app's page in place of a script.
    if (path.startsWith('/assets/')) {
      return reply.header('cache-control', IMMUTABLE).sendFile(path.slice(1));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  fastify.get('/', (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
}
