import { SpareRedis } from './support/spare-redis.js';
import { TestApp } from './support/test-app.js';

describe('while Redis is down', () => {
  const redis = new SpareRedis(6391);
  let api: TestApp;

  beforeAll(async () => {
    await redis.start();
    api = await TestApp.start({ REDIS_URL: redis.url, AUTH_RATE_LIMIT_PER_MINUTE: '100' });
    await redis.stop();
  });
  afterAll(async () => {
    await redis.start();
    await api.stop();
    await redis.stop();
  });

  it('health reports Redis down and PostgreSQL up, with 503', async () => {
    const answer = await api.get('/api/health');
    expect(answer.status).toBe(503);
    expect(answer.body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'down' },
    });
  });

  it('residents can still register and sign in', async () => {
    const registered = await api.post('/api/auth/register', {
      phone: '13800138000',
      password: 'password-123',
      displayName: '停电测试',
    });
    expect(registered.status).toBe(201);
    const signedIn = await api.post('/api/auth/login', {
      login: '13800138000',
      password: 'password-123',
    });
    expect(signedIn.status).toBe(200);
  });

  it('a queued request answers 503 quickly instead of hanging', async () => {
    const token = await api.adminToken();
    const answer = await api.post('/api/audit/verifications', undefined, { token });
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('queue.unavailable');
  });
});
