import { Role } from '@app/common';
import { implementingCycle, ProjectDesk } from './support/project-session.js';
import { TestApp } from './support/test-app.js';

type SignedInUser = Awaited<ReturnType<TestApp['userWith']>>;

describe("a user's own lists (GET /api/me/…)", () => {
  let api: TestApp;
  let secretariat: SignedInUser;
  let author: SignedInUser;
  let other: SignedInUser;

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
    [author, other] = await Promise.all([
      api.userWith([Role.Resident]),
      api.userWith([Role.Resident]),
    ]);
  });
  afterAll(async () => {
    await api.stop();
  });

  async function propose(
    by: SignedInUser,
    cycleId: string,
    title: string,
    anonymous = false,
  ): Promise<string> {
    const answer = await api.post(
      `/api/cycles/${cycleId}/proposals`,
      { title, category: 'elderly_care', description: `${title}，方便老年人`, anonymous },
      { token: by.token },
    );
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  it('lists my proposals only, newest first, across cycles or for one, anonymous ones with me as author', async () => {
    const [first, second] = [
      await api.cycle(secretariat.token, { year: 2031 }),
      await api.cycle(secretariat.token, { year: 2032 }),
    ];
    const a = await propose(author, first, '社区食堂');
    const b = await propose(author, second, '老年助餐点', true);
    await propose(other, first, '公交线路');

    const all = await api.get('/api/me/proposals', { token: author.token });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([b, a]);
    expect(all.body.items[0]).toMatchObject({
      anonymous: true,
      author: { id: author.id },
      status: 'submitted',
      cycleId: second,
    });

    const one = await api.get(`/api/me/proposals?cycleId=${first}`, { token: author.token });
    expect(one.body.items.map((item: { id: string }) => item.id)).toEqual([a]);
    const paged = await api.get('/api/me/proposals?pageSize=1&page=2', { token: author.token });
    expect(paged.body).toMatchObject({ total: 2, items: [{ id: a }] });

    expect((await api.get('/api/me/proposals')).status).toBe(401);
    expect((await api.get('/api/me/proposals?cycleId=x', { token: author.token })).status).toBe(
      400,
    );
  });

  it('lists the proposals I support, newest support first, with their counts; a withdrawn support leaves', async () => {
    const cycleId = await api.cycle(secretariat.token, { year: 2033 });
    const older = await propose(author, cycleId, '增设路灯');
    const newer = await propose(author, cycleId, '修缮公园步道');
    const supporter = await api.userWith([Role.Resident]);
    for (const id of [older, newer]) {
      const supported = await api.post(`/api/proposals/${id}/supports`, undefined, {
        token: supporter.token,
      });
      expect(supported.status).toBe(201);
    }
    await api.post(`/api/proposals/${older}/supports`, undefined, { token: other.token });

    const mine = await api.get('/api/me/supports', { token: supporter.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(mine.body.items).toEqual([
      {
        id: newer,
        cycleId,
        title: '修缮公园步道',
        category: 'elderly_care',
        status: 'submitted',
        supportCount: 1,
        supportedAt: expect.any(String),
      },
      expect.objectContaining({ id: older, supportCount: 2 }),
    ]);

    await api.request('DELETE', `/api/proposals/${newer}/supports`, { token: supporter.token });
    const after = await api.get('/api/me/supports', { token: supporter.token });
    expect(after.body).toMatchObject({ total: 1, items: [{ id: older }] });
    expect((await api.get('/api/me/supports', { token: author.token })).body.total).toBe(0);
    expect((await api.get('/api/me/supports')).status).toBe(401);
  });

  it('lists the projects a deputy supervises, and only to deputies', async () => {
    const cycle = await implementingCycle(api, secretariat, author, {
      candidates: 3,
      seats: 2,
      deputies: 3,
    });
    const desk = new ProjectDesk(api);
    const [lead, helper] = cycle.deputies;
    const [p1, p2] = cycle.projectIds;
    expect((await desk.supervisors(p1, secretariat.token, [lead.id])).status).toBe(201);
    expect((await desk.supervisors(p2, secretariat.token, [lead.id, helper.id])).status).toBe(201);

    const leads = await api.get('/api/me/supervised-projects', { token: lead.token });
    expect(leads.status).toBe(200);
    expect(leads.body.map((project: { id: string }) => project.id)).toEqual([p1, p2]);
    expect(leads.body[0]).toMatchObject({ cycleId: cycle.id, status: expect.any(String) });
    const helpers = await api.get('/api/me/supervised-projects', { token: helper.token });
    expect(helpers.body.map((project: { id: string }) => project.id)).toEqual([p2]);
    const idle = await api.get('/api/me/supervised-projects', { token: cycle.deputies[2].token });
    expect(idle.body).toEqual([]);
    expect((await api.get('/api/me/supervised-projects', { token: author.token })).status).toBe(
      403,
    );
  });
});
