import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, type DomainErrorKind } from '@app/common';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  fields?: Record<string, string[]>;
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join(' ')
    : 'Error';
}

/** Turns every error into `{statusCode, error, message, code}`; nothing internal leaks out. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toBody(exception);
    void host.switchToHttp().getResponse<FastifyReply>().status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_OF_KIND[exception.kind];
      return {
        statusCode,
        error: reasonPhrase(statusCode),
        message: exception.message,
        code: exception.code,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      // Object answers keep their extra fields (validation `fields`, health `details` …).
      const extra = typeof response === 'object' ? (response as Partial<ErrorBody>) : {};
      return {
        ...extra,
        statusCode,
        error: reasonPhrase(statusCode),
        message: extra.message ?? exception.message,
      };
    }
    // Errors raised by Fastify itself (malformed JSON, body too large …) carry their own 4xx.
    const statusCode = (exception as { statusCode?: unknown }).statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        statusCode,
        error: reasonPhrase(statusCode),
        message: (exception as Error).message,
        code: (exception as { code?: string }).code,
      };
    }
    this.logger.error(exception);
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: '服务器内部错误 / Internal server error',
    };
  }
}
