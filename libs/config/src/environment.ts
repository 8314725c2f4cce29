import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  IsEmail,
  validateSync,
} from 'class-validator';

const DEVELOPMENT_JWT_SECRET = 'minsheng-development-secret-change-me-in-production';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** Every environment variable Minsheng reads, with its default and its rule. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like postgres://user@host:5432/database',
  })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/minsheng';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string = DEVELOPMENT_JWT_SECRET;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_REFRESH_SECRET must be at least 32 characters' })
  JWT_REFRESH_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS: number = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(31_536_000)
  JWT_REFRESH_TTL_SECONDS: number = 2_592_000;

  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must look like smtp://host:1025' })
  SMTP_URL: string = 'smtp://127.0.0.1:1025';

  /** Sender of the notification emails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM: string = '民生实事 <noreply@minsheng.local>';

  /** The SMS/webhook gateway that receives signed notification payloads; unset turns the channel off. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'NOTIFY_WEBHOOK_URL must be an http(s) URL' })
  NOTIFY_WEBHOOK_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'NOTIFY_WEBHOOK_SECRET must be at least 16 characters' })
  NOTIFY_WEBHOOK_SECRET?: string;

  /** Attempts per email or webhook delivery before it is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_MAX_ATTEMPTS: number = 5;

  /** First retry delay of a failed delivery; each next one doubles. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  DELIVERY_BACKOFF_MS: number = 2_000;

  @IsOptional()
  @IsEmail({}, { message: 'BOOTSTRAP_ADMIN_EMAIL must be an email address' })
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 8 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Comma-separated browser origins allowed to call the API; empty means same origin only. */
  @IsString()
  CORS_ORIGINS: string = 'http://localhost:3000,http://127.0.0.1:3000';

  /** The built web app (`npm run build:web`), served at `/`; relative to the working directory. */
  @IsString()
  WEB_ROOT: string = 'dist/web';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE: number = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY: number = 2;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Redis key prefix of the queues; a braced prefix such as {minsheng} suits Redis Cluster. */
  @Matches(/^[A-Za-z0-9{}_:-]+$/)
  QUEUE_PREFIX: string = 'minsheng';

  /** Cron expression of the periodic audit chain verification in the worker. */
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'AUDIT_VERIFY_CRON must be a 5-field cron expression' })
  AUDIT_VERIFY_CRON: string = '17 * * * *';

  /** How often the worker opens, closes and reminds ballots that are due. */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(60_000)
  BALLOT_SCHEDULE_EVERY_MS: number = 5_000;

  /** How often the worker looks for milestones that fell overdue (each is announced once). */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(86_400_000)
  PROJECT_SCAN_EVERY_MS: number = 600_000;
}

export class ConfigError extends Error {}

export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(EnvironmentVariables, present);
  const errors = validateSync(env, { whitelist: false });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) ? text : `${error.property}: ${text}`,
    ),
  );
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    problems.push('JWT_SECRET must be set in production');
  }
  if (Boolean(env.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  if (env.NOTIFY_WEBHOOK_URL && !env.NOTIFY_WEBHOOK_SECRET) {
    problems.push('NOTIFY_WEBHOOK_SECRET must be set with NOTIFY_WEBHOOK_URL');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}
