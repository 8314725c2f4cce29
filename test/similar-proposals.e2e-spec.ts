import { Role } from '@app/common';
import { TestApp } from './support/test-app.js';

type SignedInUser = Awaited<ReturnType<TestApp['userWith']>>;

describe('similar proposals while a title is typed (GET /api/cycles/:id/proposals/similar)', () => {
  let api: TestApp;
  let secretariat: SignedInUser;
  let resident: SignedInUser;
  let cycleId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
    resident = await api.userWith([Role.Resident]);
    const cycle = await api.post(
      '/api/cycles',
      { year: 2021, title: '2021年民生实事', seats: 3 },
      { token: secretariat.token },
    );
    cycleId = cycle.body.id as string;
    await api.post(
      `/api/cycles/${cycleId}/phase`,
      { phase: 'collecting' },
      { token: secretariat.token },
    );
    for (const title of [
      '改造东极镇渔农村供水管网',
      '改造东极镇渔农村供水管网工程',
      '新建公共厕所',
    ]) {
      const filed = await api.post(
        `/api/cycles/${cycleId}/proposals`,
        { title, category: 'water', description: '供水经常中断。' },
        { token: resident.token },
      );
      expect(filed.status).toBe(201);
      ids[title] = filed.body.id as string;
    }
    const supporter = await api.userWith([Role.Resident]);
    await api.post(`/api/proposals/${ids['改造东极镇渔农村供水管网']}/supports`, undefined, {
      token: supporter.token,
    });
    const withdrawn = await api.post(
      `/api/proposals/${ids['改造东极镇渔农村供水管网工程']}/withdraw`,
      undefined,
      { token: resident.token },
    );
    expect(withdrawn.status).toBe(200);
  });
  afterAll(async () => {
    await api.stop();
  });

  const similar = (title: string, options: { token?: string; cycle?: string } = {}) =>
    api.get(
      `/api/cycles/${options.cycle ?? cycleId}/proposals/similar?title=${encodeURIComponent(title)}`,
      { token: options.token },
    );

  it('answers anyone with the look-alikes, their status and support count, never a withdrawn one', async () => {
    const answer = await similar('  东极镇供水管网改造  ');
    expect(answer.status).toBe(200);
    expect(answer.body.similar).toEqual([
      {
        id: ids['改造东极镇渔农村供水管网'],
        title: '改造东极镇渔农村供水管网',
        status: 'submitted',
        supportCount: 1,
        similarity: expect.any(Number),
      },
    ]);
    const signedIn = await similar('东极镇供水管网改造', { token: resident.token });
    expect(signedIn.body).toEqual(answer.body);
  });

  it('answers an empty list when nothing looks alike', async () => {
    const answer = await similar('增设学校午托服务');
    expect(answer.status).toBe(200);
    expect(answer.body.similar).toEqual([]);
  });

  it('refuses a title shorter than 2 or longer than 100 characters, after trimming, or none', async () => {
    for (const title of ['改', '  改  ', '改'.repeat(101)]) {
      const answer = await similar(title);
      expect({ title, status: answer.status }).toEqual({ title, status: 400 });
    }
    expect((await api.get(`/api/cycles/${cycleId}/proposals/similar`)).status).toBe(400);
  });

  it('answers 404 for an unknown cycle and 400 for a malformed id', async () => {
    expect(
      (await similar('供水管网', { cycle: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(404);
    expect((await similar('供水管网', { cycle: 'not-a-uuid' })).status).toBe(400);
  });
});
