import { Role } from '@app/common';
import { TestApp } from './support/test-app.js';

describe('queue dashboard', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('is refused without a token, and to every role but the secretariat', async () => {
    expect((await api.get('/api/admin/queues')).status).toBe(401);
    for (const role of [Role.Resident, Role.Deputy, Role.Official]) {
      const { token } = await api.userWith([role]);
      const answer = await api.get('/api/admin/queues', { token });
      expect(answer.status).toBe(403);
      expect(answer.body.message).toContain('You may not do this');
    }
    const forged = await api.get('/api/admin/queues', { token: 'not.a.token' });
    expect(forged.status).toBe(401);
  });

  it('shows the secretariat every queue, by header or by cookie', async () => {
    const { token } = await api.userWith([Role.Secretariat]);
    const page = await api.get('/api/admin/queues', { token });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<html');
    const queues = await api.get('/api/admin/queues/api/queues', {
      headers: { cookie: `minsheng_access=${token}` },
    });
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
      'audit',
      'ballots',
      'deliveries',
      'events',
      'projects',
    ]);
  });
});
