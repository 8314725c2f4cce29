import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

function collect(errors: ValidationError[], prefix: string, into: Record<string, string[]>) {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      into[path] = Object.values(error.constraints);
    }
    collect(error.children ?? [], path, into);
  }
  return into;
}

/** Global validation: unknown fields refused, types transformed, every failing field listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = collect(errors, '', {});
      return new BadRequestException({
        message: Object.values(fields).flat(),
        code: 'validation_failed',
        fields,
      });
    },
  });
}
