import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role, type OnDemandThread } from '@app/common';
import type { AppConfig } from '@app/config';
import { SimilarTitles } from '@app/proposals';
import { trigramSimilarity } from '../libs/proposals/src/similar/trigrams.js';
import { TestApp } from './support/test-app.js';

const TITLES = [
  '改造渔农村供水管网',
  '改造青浜岛渔农村供水管网',
  '建设展茅街道公交线路的建议',
  '建设展茅街道公交线路',
  '增设展茅街道公交线路（二期）',
  '沈家门街道老旧小区加装电梯，方便群众',
  '新建6家新鲜水产品平价供应点',
  '建设100家网络餐饮"阳光厨房"',
  '完善3岁以下婴幼儿普惠性托育服务',
  '提升整治流域水系21公里、新建改建闸站14座',
  'Build 2 EV charging stations at 东港 Road',
  '重点人群流感疫苗自愿免费接种！',
  '路灯',
  '——',
];

describe('similar titles on submit, found in the API process', () => {
  let api: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await TestApp.start();
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api.stop();
  });

  it("scores every pair exactly as PostgreSQL's pg_trgm similarity() does", async () => {
    const pairs = TITLES.flatMap((a) => TITLES.map((b) => [a, b] as const));
    const rows = await dataSource.query<{ score: number }[]>(
      'SELECT similarity(a, b) AS score FROM unnest($1::text[], $2::text[]) AS t(a, b)',
      [pairs.map(([a]) => a), pairs.map(([, b]) => b)],
    );
    expect(rows).toHaveLength(pairs.length);
    pairs.forEach(([a, b], i) => {
      // PostgreSQL answers a real (float4): 6 decimals agree.
      expect({ a, b, score: trigramSimilarity(a, b) }).toEqual({
        a,
        b,
        score: expect.closeTo(Number(rows[i].score), 6),
      });
    });
  });

  it('finds a look-alike filed through another process within about a second', async () => {
    const secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    const cycle = await api.post(
      '/api/cycles',
      { year: 2021, title: '2021年民生实事', seats: 3 },
      { token: secretariat.token },
    );
    await api.post(
      `/api/cycles/${cycle.body.id}/phase`,
      { phase: 'collecting' },
      { token: secretariat.token },
    );
    const submit = (title: string) =>
      api.post(
        `/api/cycles/${cycle.body.id}/proposals`,
        { title, category: 'water', description: '供水经常中断。' },
        { token: resident.token },
      );
    const first = await submit('改造东极镇渔农村供水管网');
    expect(first.status).toBe(201);
    // Another API process files a twin: this process learns of it from the database only.
    const [elsewhere] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO proposals (cycle_id, author_id, title, category, description)
       VALUES ($1, $2, '改造东极镇渔农村供水管网工程', 'water', '同上') RETURNING id`,
      [cycle.body.id, resident.id],
    );
    await sleep(1_100);
    await submit('新建东极镇公共厕所'); // starts the refresh
    await sleep(200);
    const twin = await submit('改造东极镇渔农村供水管网项目');
    expect(twin.status).toBe(201);
    const ids = (twin.body.similar as { id: string }[]).map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([first.body.id, elsewhere.id]));
  });

  it('a titles thread that exits refuses the searches waiting for it; the next one reads the titles anew', async () => {
    const secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    const cycleId = await api.cycle(secretariat.token, { year: 2022 });
    const filed = await api.post(
      `/api/cycles/${cycleId}/proposals`,
      { title: '改造朱家尖渔农村供水管网', category: 'water', description: '夏季经常停水。' },
      { token: resident.token },
    );
    expect(filed.status).toBe(201);
    const titles = api.app.get(SimilarTitles, { strict: false });
    // Fault injection: the thread is private.
    const thread = (titles as unknown as { thread: OnDemandThread<unknown, unknown> }).thread;
    expect(thread.running).toBe(true);

    const waiting = titles.nearest(cycleId, '改造朱家尖供水管网', null);
    await thread.kill();
    await expect(waiting).rejects.toThrow('the titles thread exited');

    const again = await titles.nearest(cycleId, '改造朱家尖供水管网', null);
    expect(again.map((hit) => hit.id)).toEqual([filed.body.id]);
    const twin = await api.post(
      `/api/cycles/${cycleId}/proposals`,
      { title: '改造朱家尖渔农村供水管网工程', category: 'water', description: '同上。' },
      { token: resident.token },
    );
    expect(twin.status).toBe(201);
    expect((twin.body.similar as { id: string }[]).map((item) => item.id)).toEqual([filed.body.id]);
  });

  it('files a submit whose look-alike search fails, once, and answers it without look-alikes', async () => {
    const secretariat = await api.userWith([Role.Secretariat]);
    const resident = await api.userWith([Role.Resident]);
    const cycleId = await api.cycle(secretariat.token, { year: 2023 });
    const titles = api.app.get(SimilarTitles, { strict: false });
    // Fault injection: the next titles thread reads from a database that refuses connections.
    const internals = titles as unknown as {
      thread: OnDemandThread<unknown, unknown>;
      config: AppConfig;
    };
    const config = internals.config;
    await internals.thread.kill();
    internals.config = { ...config, database: { url: 'postgres://postgres@127.0.0.1:1/nowhere' } };
    try {
      const answer = await api.post(
        `/api/cycles/${cycleId}/proposals`,
        { title: '改造桃花镇渔农村供水管网', category: 'water', description: '夏季经常停水。' },
        { token: resident.token },
      );
      expect(answer.status).toBe(201);
      expect(answer.body.similar).toEqual([]);
      const filed = await dataSource.query<{ id: string }[]>(
        'SELECT id FROM proposals WHERE cycle_id = $1',
        [cycleId],
      );
      expect(filed).toEqual([{ id: answer.body.id }]);
    } finally {
      internals.config = config;
      await internals.thread.kill();
    }
  });
});
