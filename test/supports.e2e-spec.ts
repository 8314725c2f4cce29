import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { TokensService } from '@app/auth';
import { Role } from '@app/common';
import { TestApp } from './support/test-app.js';

type SignedInUser = Awaited<ReturnType<TestApp['userWith']>>;

describe('supports (附议)', () => {
  let api: TestApp;
  let db: DataSource;
  let secretariat: SignedInUser;
  let author: SignedInUser;
  let resident: SignedInUser;
  let cycleId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    db = api.app.get(DataSource);
    secretariat = await api.userWith([Role.Secretariat]);
    [author, resident] = await Promise.all([
      api.userWith([Role.Resident]),
      api.userWith([Role.Resident]),
    ]);
    cycleId = await api.cycle(secretariat.token, { seats: 10 });
  });
  afterAll(async () => {
    await api.stop();
  });

  async function propose(by: SignedInUser, title: string, inCycle = cycleId): Promise<string> {
    const answer = await api.post(
      `/api/cycles/${inCycle}/proposals`,
      { title, category: 'elderly_care', description: `${title}，方便老年人生活` },
      { token: by.token },
    );
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  const support = (proposalId: string, by: SignedInUser) =>
    api.post(`/api/proposals/${proposalId}/supports`, undefined, { token: by.token });
  const unsupport = (proposalId: string, by: SignedInUser) =>
    api.request('DELETE', `/api/proposals/${proposalId}/supports`, { token: by.token });

  /** The supports rows and the stored counter, straight from the database. */
  async function stored(proposalId: string): Promise<{ rows: number; counter: number }> {
    const [{ rows, counter }] = await db.query(
      `SELECT (SELECT count(*)::int FROM supports WHERE proposal_id = $1) AS rows,
              (SELECT support_count FROM proposals WHERE id = $1) AS counter`,
      [proposalId],
    );
    return { rows, counter };
  }

  const publicCount = async (proposalId: string): Promise<number> =>
    (await api.get(`/api/proposals/${proposalId}`)).body.supportCount as number;

  /**
   * Many residents at once: rows written straight to the database and access tokens signed
   * by the app's own token service (password hashing would make this slow, and is not tested
   * here).
   */
  async function residents(count: number): Promise<SignedInUser[]> {
    const rows = await db.query<{ id: string; email: string }[]>(
      `INSERT INTO users (email, password_hash, display_name, roles)
       SELECT 'crowd-' || gen_random_uuid() || '@minsheng.test', 'not-a-hash', '附议居民', ARRAY['resident']::user_role[]
       FROM generate_series(1, $1) RETURNING id, email`,
      [count],
    );
    const tokens = api.app.get(TokensService);
    return Promise.all(
      rows.map(async ({ id, email }) => ({
        id,
        email,
        password: '',
        token: await tokens.signAccess({ id, roles: [Role.Resident], departmentId: null }),
      })),
    );
  }

  it('supports, counts, refuses a second and withdraws', async () => {
    const proposalId = await propose(author, '新建示范型居家养老服务中心');
    const deputy = await api.userWith([Role.Deputy]);

    const first = await support(proposalId, resident);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ supportCount: 1 });
    const second = await support(proposalId, resident);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('support.exists');
    // Deputies are residents too.
    expect((await support(proposalId, deputy)).body).toEqual({ supportCount: 2 });
    expect(await publicCount(proposalId)).toBe(2);
    expect(await stored(proposalId)).toEqual({ rows: 2, counter: 2 });

    const withdrawn = await unsupport(proposalId, resident);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ supportCount: 1 });
    const again = await unsupport(proposalId, resident);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('support.not_found');
    expect(await stored(proposalId)).toEqual({ rows: 1, counter: 1 });

    // Withdrawn support may be given again.
    expect((await support(proposalId, resident)).body).toEqual({ supportCount: 2 });
    expect(await publicCount(proposalId)).toBe(2);
    const listed = await api.get(`/api/cycles/${cycleId}/proposals?pageSize=100`);
    expect(
      listed.body.items.find((item: { id: string }) => item.id === proposalId).supportCount,
    ).toBe(2);
  });

  it('404 when one never supported', async () => {
    const proposalId = await propose(author, '老旧小区加装电梯');
    const answer = await unsupport(proposalId, resident);
    expect(answer.status).toBe(404);
    expect(await stored(proposalId)).toEqual({ rows: 0, counter: 0 });
  });

  it("refuses one's own proposal with 422", async () => {
    const proposalId = await propose(author, '社区老年食堂');
    const answer = await support(proposalId, author);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('support.own_proposal');
    expect(await stored(proposalId)).toEqual({ rows: 0, counter: 0 });
  });

  it('refuses a withdrawn proposal', async () => {
    const proposalId = await propose(author, '增设社区助浴点');
    expect(
      (await api.post(`/api/proposals/${proposalId}/withdraw`, undefined, { token: author.token }))
        .status,
    ).toBe(200);
    const answer = await support(proposalId, resident);
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('support.not_supportable');
    expect(await stored(proposalId)).toEqual({ rows: 0, counter: 0 });
  });

  it('only while collecting: support and withdrawal answer 409 once screening starts', async () => {
    const screening = await api.cycle(secretariat.token, { seats: 10 });
    const proposalId = await propose(author, '建设社区养老服务驿站', screening);
    expect((await support(proposalId, resident)).status).toBe(201);
    expect(
      (
        await api.post(
          `/api/cycles/${screening}/phase`,
          { phase: 'screening' },
          { token: secretariat.token },
        )
      ).status,
    ).toBe(200);
    const other = await api.userWith([Role.Resident]);
    const late = await support(proposalId, other);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('cycle.wrong_phase');
    expect(late.body.message).toContain('The cycle is screening');
    const lateWithdrawal = await unsupport(proposalId, resident);
    expect(lateWithdrawal.status).toBe(409);
    expect(lateWithdrawal.body.message).toContain('The cycle is screening');
    expect(await stored(proposalId)).toEqual({ rows: 1, counter: 1 });
  });

  it('only residents and deputies support; 404 and 400 for bad ids', async () => {
    const proposalId = await propose(author, '完善3岁以下婴幼儿普惠性托育服务');
    expect((await api.post(`/api/proposals/${proposalId}/supports`)).status).toBe(401);
    expect((await api.request('DELETE', `/api/proposals/${proposalId}/supports`)).status).toBe(401);
    for (const roles of [[Role.Official], [Role.Secretariat]]) {
      const user = await api.userWith(roles);
      expect((await support(proposalId, user)).status).toBe(403);
      expect((await unsupport(proposalId, user)).status).toBe(403);
    }
    expect((await support(randomUUID(), resident)).status).toBe(404);
    expect((await unsupport(randomUUID(), resident)).status).toBe(404);
    expect((await support('not-a-uuid', resident)).status).toBe(400);
    expect((await unsupport('not-a-uuid', resident)).status).toBe(400);
    expect(await stored(proposalId)).toEqual({ rows: 0, counter: 0 });
  });

  it('20 concurrent supports by one resident leave exactly one', async () => {
    const proposalId = await propose(author, '重点人群流感疫苗自愿免费接种');
    const fan = await api.userWith([Role.Resident]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => support(proposalId, fan)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(answers.find((answer) => answer.status === 201)!.body).toEqual({ supportCount: 1 });
    expect(await stored(proposalId)).toEqual({ rows: 1, counter: 1 });
    expect(await publicCount(proposalId)).toBe(1);

    // And 20 concurrent withdrawals by them leave none.
    const withdrawals = await Promise.all(
      Array.from({ length: 20 }, () => unsupport(proposalId, fan)),
    );
    expect(withdrawals.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(withdrawals.filter((answer) => answer.status === 404)).toHaveLength(19);
    expect(await stored(proposalId)).toEqual({ rows: 0, counter: 0 });
  });

  it('50 residents supporting at once count 50, and a mixed rush stays exact', async () => {
    const proposalId = await propose(author, '新建6家新鲜水产品平价供应点');
    const crowd = await residents(50);
    const answers = await Promise.all(crowd.map((user) => support(proposalId, user)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    // Every answer saw its own increment: the counts 1..50, each once.
    expect(
      answers.map((answer) => answer.body.supportCount as number).sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await stored(proposalId)).toEqual({ rows: 50, counter: 50 });
    expect(await publicCount(proposalId)).toBe(50);
    const cycle = await api.get(`/api/cycles/${cycleId}`);
    const [{ total }] = await db.query(
      `SELECT count(*)::int AS total FROM supports s JOIN proposals p ON p.id = s.proposal_id
       WHERE p.cycle_id = $1`,
      [cycleId],
    );
    expect(cycle.body.counts.supports).toBe(total);

    // Half withdraw while the other half support again (409) and newcomers support.
    const newcomers = await residents(10);
    const mixed = await Promise.all([
      ...crowd.slice(0, 25).map((user) => unsupport(proposalId, user)),
      ...crowd.slice(25).map((user) => support(proposalId, user)),
      ...newcomers.map((user) => support(proposalId, user)),
    ]);
    expect(mixed.slice(0, 25).every((answer) => answer.status === 200)).toBe(true);
    expect(mixed.slice(25, 50).every((answer) => answer.status === 409)).toBe(true);
    expect(mixed.slice(50).every((answer) => answer.status === 201)).toBe(true);
    expect(await stored(proposalId)).toEqual({ rows: 35, counter: 35 });
    expect(await publicCount(proposalId)).toBe(35);
  });

  it('supports racing the move to screening: each lands before the move or is refused', async () => {
    const racing = await api.cycle(secretariat.token, { seats: 10 });
    const proposalId = await propose(author, '渔农村供水管网改造', racing);
    const crowd = await residents(30);
    // The move fired with the rush, the supports spread over its first 30 ms: some land before
    // the move, the rest meet the new phase (how many of each varies from run to run).
    const answers = await Promise.all([
      api.post(`/api/cycles/${racing}/phase`, { phase: 'screening' }, { token: secretariat.token }),
      ...crowd.map(async (user, i) => {
        await sleep(i);
        return support(proposalId, user);
      }),
    ]);
    const [moved] = answers.splice(0, 1);
    expect(moved.status).toBe(200);
    const accepted = crowd.filter((_, i) => answers[i].status === 201).map((user) => user.id);
    expect(
      answers
        .filter((answer) => answer.status === 201)
        .map((answer) => answer.body.supportCount as number)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: accepted.length }, (_, i) => i + 1));
    for (const answer of answers.filter((answer) => answer.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('cycle.wrong_phase');
      expect(answer.body.message).toContain('The cycle is screening');
    }
    // Every 201 is a row, and no row came without one: nothing landed after the move.
    const rows = await db.query<{ user_id: string }[]>(
      'SELECT user_id FROM supports WHERE proposal_id = $1',
      [proposalId],
    );
    expect(rows.map((row) => row.user_id).sort()).toEqual([...accepted].sort());
    expect(await stored(proposalId)).toEqual({ rows: accepted.length, counter: accepted.length });
    expect(await publicCount(proposalId)).toBe(accepted.length);
    expect((await api.get(`/api/cycles/${racing}`)).body.counts.supports).toBe(accepted.length);
    // And the phase holds: a late support is refused and changes nothing.
    const late = await support(proposalId, (await residents(1))[0]);
    expect(late.status).toBe(409);
    expect(await stored(proposalId)).toEqual({ rows: accepted.length, counter: accepted.length });
  });
});
