import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';

/**
 * Secrets that must never reach a log line: credentials, tokens and ballot marks. Request
 * and response bodies are not logged at all; these paths catch them in any logged object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.refreshToken',
  '*.accessToken',
  '*.initialPassword',
  '*.choices',
  '*.marks',
  // A failed query carries its parameters (a cast's deputy id next to its sealed ballot).
  '*.parameters',
  '*.driverError',
  '*.detail',
];

/** JSON logs through pino; each HTTP request is logged once with its request id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          genReqId: (request: IncomingMessage & { id?: string }) => request.id ?? '',
          customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
            error || response.statusCode >= 500
              ? 'error'
              : response.statusCode >= 400
                ? 'warn'
                : 'info',
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
