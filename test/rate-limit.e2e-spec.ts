import type { TestApp } from './support/test-app.js';
import { TestCluster } from './support/test-cluster.js';

describe('rate limits on sign-in', () => {
  it('are shared through Redis by several API processes', async () => {
    const cluster = await TestCluster.start(2, { AUTH_RATE_LIMIT_PER_MINUTE: '4' });
    const [one, two] = cluster.apps;
    try {
      const attempt = (api: TestApp) =>
        api.post('/api/auth/login', { login: 'nobody@minsheng.test', password: 'wrong-password' });
      const statuses = [];
      for (const api of [one, two, one, two, one, two]) {
        statuses.push((await attempt(api)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      const refused = await attempt(one);
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      // Reading the API (not signing in) is not throttled.
      expect((await one.get('/api/departments')).status).toBe(200);
    } finally {
      await cluster.stop();
    }
  });
});
