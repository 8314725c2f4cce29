import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bull';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TokensService } from '@app/auth';
import { hasRole, Role } from '@app/common';
import { QUEUE_NAMES } from '@app/queues';

export const QUEUES_DASHBOARD_PATH = '/api/admin/queues';
/** The dashboard is a browser page: besides the Authorization header it takes this cookie. */
export const ACCESS_COOKIE = 'minsheng_access';

function bearerOrCookie(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    return header.slice('Bearer '.length);
  }
  const cookie = request.headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${ACCESS_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(ACCESS_COOKIE.length + 1)) : null;
}

/** The Bull dashboard at /api/admin/queues, for the secretariat only. */
export async function mountQueuesDashboard(app: NestFastifyApplication): Promise<void> {
  const tokens = app.get(TokensService);
  const serverAdapter = new FastifyAdapter().setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map(
      (name) => new BullAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: '民生实事 队列 / Minsheng queues' } },
  });
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerOrCookie(request);
    const claims = token ? await tokens.verifyAccess(token) : null;
    if (!claims) {
      return reply.code(401).send({
        statusCode: 401,
        error: 'Unauthorized',
        message: '请先登录 / Sign in first',
      });
    }
    if (!hasRole(claims, Role.Secretariat)) {
      return reply.code(403).send({
        statusCode: 403,
        error: 'Forbidden',
        message: '无权限执行此操作 / You may not do this',
      });
    }
  };
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', guard);
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUES_DASHBOARD_PATH },
  );
}
