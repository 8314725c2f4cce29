import { Role } from '@app/common';
import { TestApp } from './support/test-app.js';

describe('proposals smoke', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('collect, support, search, screen', async () => {
    const secretariat = await api.userWith([Role.Secretariat]);
    const cycle = await api.post(
      '/api/cycles',
      { year: 2020, title: '2020年普陀区民生实事', region: '普陀区', seats: 10 },
      { token: secretariat.token },
    );
    expect(cycle.status).toBe(201);
    expect(
      (
        await api.post(
          `/api/cycles/${cycle.body.id}/phase`,
          { phase: 'collecting' },
          { token: secretariat.token },
        )
      ).status,
    ).toBe(200);
    const alice = await api.userWith([Role.Resident]);
    const bob = await api.userWith([Role.Resident]);
    const first = await api.post(
      `/api/cycles/${cycle.body.id}/proposals`,
      {
        title: '改造渔农村供水管网',
        category: 'water',
        description: '改造渔农村供水管网21公里并建设青浜海水淡化设施',
        anonymous: true,
      },
      { token: alice.token },
    );
    expect(first.status).toBe(201);
    const twin = await api.post(
      `/api/cycles/${cycle.body.id}/proposals`,
      { title: '渔农村供水管网改造', category: 'water', description: '供水管网老旧，需要改造' },
      { token: bob.token },
    );
    expect(twin.status).toBe(201);
    expect(twin.body.similar.map((s: { id: string }) => s.id)).toContain(first.body.id);
    const supported = await api.post(`/api/proposals/${first.body.id}/supports`, undefined, {
      token: bob.token,
    });
    expect(supported.body).toEqual({ supportCount: 1 });
    const found = await api.get(
      `/api/cycles/${cycle.body.id}/proposals?q=${encodeURIComponent('供水')}&sort=supports`,
    );
    expect(found.body.total).toBe(2);
    expect(found.body.items[0].id).toBe(first.body.id);
    expect(found.body.items[0].author).toBeNull();
    const asOfficial = await api.get(`/api/proposals/${first.body.id}`, {
      token: secretariat.token,
    });
    expect(asOfficial.body.author.id).toBe(alice.id);
  });
});
