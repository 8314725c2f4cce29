import { createHmac } from 'node:crypto';
import { validateEnvironment } from './environment.js';

/** The validated configuration, namespaced. The only way the code reads its environment. */
export class AppConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly http: { port: number; corsOrigins: string[]; webRoot: string };
  readonly database: { url: string };
  readonly redis: { url: string; queuePrefix: string };
  readonly jwt: {
    accessSecret: string;
    refreshSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    issuer: string;
    audience: string;
  };
  readonly auth: { rateLimitPerMinute: number; hashConcurrency: number };
  readonly bootstrapAdmin: { email: string; password: string } | null;
  readonly mail: { smtpUrl: string; from: string };
  readonly webhook: { url: string; secret: string } | null;
  readonly delivery: { maxAttempts: number; backoffMs: number };
  readonly log: { level: string };
  readonly audit: { verifyCron: string };
  readonly ballots: { scheduleEveryMs: number };
  readonly projects: { scanEveryMs: number };

  constructor(values: Omit<AppConfig, never>) {
    Object.assign(this, values);
  }
}

/**
 * Reads and validates the process environment, with `overrides` on top (tests use them).
 * Throws a ConfigError naming every missing or invalid variable.
 */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  const env = validateEnvironment({ ...process.env, ...overrides });
  return new AppConfig({
    environment: env.NODE_ENV as AppConfig['environment'],
    http: {
      port: env.PORT,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      webRoot: env.WEB_ROOT,
    },
    database: { url: env.DATABASE_URL },
    redis: { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX },
    jwt: {
      accessSecret: env.JWT_SECRET,
      // Without its own secret, the refresh key is derived so that an access token can never
      // pass as a refresh token, nor the reverse.
      refreshSecret:
        env.JWT_REFRESH_SECRET ??
        createHmac('sha256', env.JWT_SECRET).update('minsheng refresh tokens').digest('hex'),
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS,
      issuer: 'minsheng',
      audience: 'minsheng-api',
    },
    auth: {
      rateLimitPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
      hashConcurrency: env.PASSWORD_HASH_CONCURRENCY,
    },
    bootstrapAdmin:
      env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD }
        : null,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    webhook:
      env.NOTIFY_WEBHOOK_URL && env.NOTIFY_WEBHOOK_SECRET
        ? { url: env.NOTIFY_WEBHOOK_URL, secret: env.NOTIFY_WEBHOOK_SECRET }
        : null,
    delivery: { maxAttempts: env.DELIVERY_MAX_ATTEMPTS, backoffMs: env.DELIVERY_BACKOFF_MS },
    log: { level: env.LOG_LEVEL },
    audit: { verifyCron: env.AUDIT_VERIFY_CRON },
    ballots: { scheduleEveryMs: env.BALLOT_SCHEDULE_EVERY_MS },
    projects: { scanEveryMs: env.PROJECT_SCAN_EVERY_MS },
  });
}

/** For a process's entry point: the config, or a message naming what is wrong and exit code 1. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
