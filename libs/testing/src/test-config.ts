import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '@app/config';

/**
 * A config for one test file: its own database (created by the app at start, dropped after)
 * and its own Redis key prefix, on the servers the environment names.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const suffix = randomBytes(5).toString('hex');
  const serverUrl = new URL(loadConfig().database.url);
  serverUrl.pathname = `/minsheng_test_${suffix}`;
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: serverUrl.toString(),
    QUEUE_PREFIX: `minsheng-test-${suffix}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    BOOTSTRAP_ADMIN_EMAIL: 'admin@minsheng.test',
    BOOTSTRAP_ADMIN_PASSWORD: 'admin-password-1',
    ...overrides,
  });
}
