import { TestApp } from './support/test-app.js';

describe('health', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('reports PostgreSQL and Redis up, to anyone', async () => {
    const answer = await api.get('/api/health');
    expect(answer.status).toBe(200);
    expect(answer.body.info).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
      queues: { status: 'up', audit: { waiting: 0, failed: 0 }, deliveries: { failed: 0 } },
      // The bootstrap administrator's welcome waits in the outbox: no worker runs here.
      notifications: { status: 'up', undispatchedEvents: 1, failedDeliveries: 0 },
    });
  });

  it('answers with a request id, and keeps a caller-given one', async () => {
    const generated = await api.get('/api/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await api.get('/api/health', { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
  });

  it('sends the security headers on every answer: JSON, errors and the API docs', async () => {
    for (const path of ['/api/health', '/api/no-such-thing', '/api/docs']) {
      const answer = await api.get(path);
      expect(answer.headers['content-security-policy'], path).toContain(`default-src 'self'`);
      expect(answer.headers['content-security-policy'], path).toContain(
        `script-src 'self' 'unsafe-inline'`,
      );
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['x-frame-options'], path).toBe('SAMEORIGIN');
      expect(answer.headers['strict-transport-security'], path).toMatch(/^max-age=\d+/);
      expect(answer.headers['x-powered-by'], path).toBeUndefined();
    }
  });
});
