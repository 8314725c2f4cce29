import { loadConfig } from './app-config.js';
import { ConfigError } from './environment.js';

describe('loadConfig', () => {
  it('works with no variables set, on local PostgreSQL and Redis', () => {
    const config = loadConfig({ DATABASE_URL: undefined, REDIS_URL: undefined, PORT: undefined });
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/minsheng');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.port).toBe(3000);
  });

  it('names each invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: undefined })).toThrow(
      /JWT_SECRET must be set in production/,
    );
  });

  it('wants the bootstrap admin email and password together', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_EMAIL: 'a@b.cn' })).toThrow(/set together/);
  });

  it('derives a refresh secret different from the access secret', () => {
    const config = loadConfig({ JWT_SECRET: 'x'.repeat(40), JWT_REFRESH_SECRET: undefined });
    expect(config.jwt.refreshSecret).not.toBe(config.jwt.accessSecret);
    expect(config.jwt.refreshSecret).toHaveLength(64);
  });
});
