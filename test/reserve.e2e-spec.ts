import { randomUUID } from 'node:crypto';
import { Role } from '@app/common';
import { TestApp, type HttpAnswer } from './support/test-app.js';

interface Actor {
  id: string;
  token: string;
}

describe('the reserve (储备库)', () => {
  let api: TestApp;
  let secretariat: Actor;
  let official: Actor & { departmentId: string };
  let resident: Actor;
  let anonymousAuthor: Actor;

  /** 2020: accepted a0–a4 (a0 became a candidate), s0 awaiting review, r0 rejected. */
  let y2020: string;
  let accepted: string[];
  let awaiting: string;
  let rejected: string;
  /** Later cycles in screening: the same year opened later, and the next year. */
  let y2020later: string;
  let y2021: string;
  /** An earlier year, and one still collecting. */
  let y2019: string;
  let y2022: string;

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
    const user = await api.userWith([Role.Official]);
    const me = await api.get('/api/auth/me', { token: user.token });
    official = { ...user, departmentId: me.body.departmentId as string };
    resident = await api.userWith([Role.Resident]);
    anonymousAuthor = await api.userWith([Role.Resident]);

    y2020 = await cycle(2020);
    await movePhase(y2020, 'collecting');
    const filed: string[] = [];
    for (let i = 0; i < 7; i++) {
      filed.push(
        await propose(y2020, i === 1 ? anonymousAuthor : resident, {
          title: `2020年建议${i}：新建鲜活水产品平价供应点`,
          category: i === 1 ? 'food_safety' : 'housing',
          description: `说明${i}：希望在社区附近新建平价供应点。`,
          ...(i === 1 ? { anonymous: true, location: '东港街道' } : {}),
        }),
      );
    }
    await movePhase(y2020, 'screening');
    accepted = filed.slice(0, 5);
    [awaiting, rejected] = filed.slice(5);
    for (const id of accepted) {
      await review(id, { decision: 'accept' });
    }
    await review(rejected, { decision: 'reject', reason: '已列入其他计划' });
    const candidate = await api.post(
      `/api/cycles/${y2020}/candidates`,
      {
        title: '平价水产品供应点',
        category: 'food_safety',
        summary: '新建鲜活水产品平价供应点',
        targets: ['新建6家新鲜水产品平价供应点'],
        budget: 3_000_000,
        leadDepartmentId: official.departmentId,
        sourceProposalIds: [accepted[0]],
      },
      { token: official.token },
    );
    expect(candidate.status).toBe(201);

    y2020later = await cycle(2020);
    y2021 = await cycle(2021);
    y2019 = await cycle(2019);
    for (const id of [y2020later, y2021, y2019]) {
      await movePhase(id, 'collecting');
      await movePhase(id, 'screening');
    }
    y2022 = await cycle(2022);
    await movePhase(y2022, 'collecting');
  });
  afterAll(async () => {
    await api.stop();
  });

  async function cycle(year: number): Promise<string> {
    const answer = await api.post(
      '/api/cycles',
      { year, title: `${year}年民生实事`, seats: 1 },
      { token: secretariat.token },
    );
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  async function movePhase(cycleId: string, phase: string) {
    const answer = await api.post(
      `/api/cycles/${cycleId}/phase`,
      { phase },
      { token: secretariat.token },
    );
    expect(answer.status).toBe(200);
  }

  async function propose(cycleId: string, author: Actor, body: object): Promise<string> {
    const answer = await api.post(`/api/cycles/${cycleId}/proposals`, body, {
      token: author.token,
    });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  async function review(proposalId: string, body: object) {
    const answer = await api.post(`/api/proposals/${proposalId}/review`, body, {
      token: official.token,
    });
    expect(answer.status).toBe(200);
  }

  const carry = (cycleId: string, proposalIds: unknown, actor: Actor | null = secretariat) =>
    api.post(`/api/cycles/${cycleId}/reserve-imports`, { proposalIds }, { token: actor?.token });

  async function reserveIds(cycleId: string): Promise<string[]> {
    const answer = await api.get(`/api/cycles/${cycleId}/reserve?pageSize=100`, {
      token: official.token,
    });
    expect(answer.status).toBe(200);
    return (answer.body.items as { id: string }[]).map((item) => item.id);
  }

  /** Everything a refused carry could have changed. */
  async function snapshot() {
    const cycles = [y2020, y2020later, y2021, y2019, y2022];
    const proposals = [];
    for (const id of cycles) {
      const list = await api.get(`/api/cycles/${id}/proposals?pageSize=100`, {
        token: secretariat.token,
      });
      proposals.push(list.body.items.map((p: any) => [p.id, p.status]));
    }
    const audit = await api.get('/api/audit?pageSize=1', { token: secretariat.token });
    return { proposals, audit: audit.body.total as number };
  }

  async function expectRefused(
    send: () => Promise<HttpAnswer>,
    status: number,
    code?: string,
  ): Promise<HttpAnswer> {
    const before = await snapshot();
    const answer = await send();
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    if (code) {
      expect(answer.body.code).toBe(code);
    }
    expect(await snapshot()).toEqual(before);
    return answer;
  }

  it('lists the accepted proposals no candidate grew from, oldest first', async () => {
    const answer = await api.get(`/api/cycles/${y2020}/reserve`, { token: secretariat.token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(answer.body.items.map((p: any) => p.id)).toEqual(accepted.slice(1));
    expect(answer.body.items.every((p: any) => p.status === 'accepted')).toBe(true);
    // Officials see who to contact, even for an anonymous proposal.
    expect(answer.body.items[0].author).toEqual({
      id: anonymousAuthor.id,
      displayName: expect.any(String),
    });

    const paged = await api.get(`/api/cycles/${y2020}/reserve?page=2&pageSize=3`, {
      token: official.token,
    });
    expect(paged.body.items.map((p: any) => p.id)).toEqual([accepted[4]]);
    expect(paged.body.total).toBe(4);
  });

  it('is for officials and the secretariat only', async () => {
    expect((await api.get(`/api/cycles/${y2020}/reserve`, { token: resident.token })).status).toBe(
      403,
    );
    expect((await api.get(`/api/cycles/${y2020}/reserve`)).status).toBe(401);
    expect(
      (await api.get(`/api/cycles/${randomUUID()}/reserve`, { token: official.token })).body.code,
    ).toBe('cycle.not_found');
  });

  it('carries reserve proposals into a later cycle in screening, as accepted proposals of it', async () => {
    const before = await api.get('/api/audit?action=proposal.carried_over', {
      token: secretariat.token,
    });
    const originals = [accepted[2], accepted[1]];
    const answer = await carry(y2021, originals);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toHaveLength(2);
    for (const [index, copy] of (answer.body as any[]).entries()) {
      const original = (
        await api.get(`/api/proposals/${originals[index]}`, { token: secretariat.token })
      ).body;
      expect(copy).toMatchObject({
        cycleId: y2021,
        status: 'accepted',
        carriedFromId: original.id,
        title: original.title,
        category: original.category,
        description: original.description,
        location: original.location,
        anonymous: original.anonymous,
        author: original.author,
        supportCount: 0,
        candidateIds: [],
      });
      expect(copy.id).not.toBe(original.id);
      const read = await api.get(`/api/proposals/${copy.id}`);
      expect(read.body).toMatchObject({ cycleId: y2021, status: 'accepted' });
    }
    // The public never learns the author of the anonymous one.
    expect((await api.get(`/api/proposals/${answer.body[1].id}`)).body.author).toBeNull();

    const copies = answer.body.map((p: any) => p.id);
    expect((await reserveIds(y2021)).sort()).toEqual([...copies].sort());
    expect((await api.get(`/api/cycles/${y2021}`)).body.counts.proposals).toBe(2);
    const after = await api.get('/api/audit?action=proposal.carried_over', {
      token: secretariat.token,
    });
    expect(after.body.total - before.body.total).toBe(2);
    expect(after.body.items[0]).toMatchObject({
      entityType: 'proposal',
      details: { fromCycleId: y2020, toCycleId: y2021 },
    });

    // A carried proposal can grow into a candidate of its new cycle.
    const candidate = await api.post(
      `/api/cycles/${y2021}/candidates`,
      {
        title: '平价水产品供应点（续）',
        category: 'food_safety',
        summary: '续建平价供应点',
        targets: ['新建3家供应点'],
        budget: 1_000_000,
        leadDepartmentId: official.departmentId,
        sourceProposalIds: [copies[0]],
      },
      { token: official.token },
    );
    expect(candidate.status).toBe(201);
    expect(await reserveIds(y2021)).toEqual([copies[1]]);
  });

  it('counts carried proposals in the target cycle at once, even right after a list', async () => {
    const y2023 = await cycle(2023);
    await movePhase(y2023, 'collecting');
    for (const i of [1, 2]) {
      await propose(y2023, resident, {
        title: `2023年建议${i}`,
        category: 'water',
        description: '说明',
      });
    }
    await movePhase(y2023, 'screening');
    // A page of 1 of 2 makes the total come from the (cached) count, not from the rows.
    const listed = () => api.get(`/api/cycles/${y2023}/proposals?pageSize=1`);
    expect((await listed()).body.total).toBe(2);
    expect((await carry(y2023, [accepted[4]])).status).toBe(201);
    expect((await listed()).body.total).toBe(3);
  });

  it('refuses carrying a proposal into the same cycle twice with 409, creating nothing', async () => {
    await expectRefused(() => carry(y2021, [accepted[1]]), 409, 'reserve.already_carried');
    // All or nothing: a free proposal alongside one carried already is not carried either.
    await expectRefused(
      () => carry(y2021, [accepted[3], accepted[1]]),
      409,
      'reserve.already_carried',
    );
    expect(await reserveIds(y2021)).not.toContain(accepted[3]);
  });

  it('refuses a target cycle that is not screening with 409', async () => {
    await expectRefused(() => carry(y2022, [accepted[3]]), 409, 'cycle.wrong_phase');
    await expectRefused(() => carry(randomUUID(), [accepted[3]]), 404, 'cycle.not_found');
  });

  it('refuses proposals that are not in the reserve of an earlier cycle with 422', async () => {
    const refusals: [string, string][] = [
      ['one that became a candidate', accepted[0]],
      ['one awaiting review', awaiting],
      ['a rejected one', rejected],
      ['an unknown one', randomUUID()],
    ];
    for (const [, id] of refusals) {
      await expectRefused(
        () => carry(y2020later, [accepted[3], id]),
        422,
        'reserve.not_in_reserve',
      );
    }
    // A later cycle is no source for an earlier one, whatever the years.
    await expectRefused(() => carry(y2019, [accepted[3]]), 422, 'reserve.not_in_reserve');
    const copy = (await api.get(`/api/cycles/${y2021}/reserve`, { token: official.token })).body
      .items[0].id as string;
    await expectRefused(() => carry(y2020later, [copy]), 422, 'reserve.not_in_reserve');
    // Nor is a cycle its own.
    await expectRefused(() => carry(y2020, [accepted[3]]), 422, 'reserve.not_in_reserve');
  });

  it('refuses residents with 403, anonymous callers with 401, and bad bodies with 400', async () => {
    await expectRefused(() => carry(y2020later, [accepted[3]], resident), 403);
    await expectRefused(() => carry(y2020later, [accepted[3]], null), 401);
    for (const ids of [[], ['p-1'], [accepted[3], accepted[3]], accepted[3]]) {
      await expectRefused(() => carry(y2020later, ids), 400, 'validation_failed');
    }
  });

  it('lets an official carry into a cycle opened later in the same year', async () => {
    const answer = await carry(y2020later, [accepted[3]], official);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body[0]).toMatchObject({ cycleId: y2020later, carriedFromId: accepted[3] });
    // The original stays in its own cycle's reserve; it can go to yet another cycle.
    expect(await reserveIds(y2020)).toContain(accepted[3]);
  });

  it('carries one proposal once when 5 carries race', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => carry(y2021, [accepted[4]])));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const copies = (await api.get(`/api/cycles/${y2021}/proposals?pageSize=100`)).body.items.filter(
      (p: any) => p.title === answers.find((a) => a.status === 201)!.body[0].title,
    );
    expect(copies).toHaveLength(1);
  });

  it('keeps the audit chain intact', async () => {
    const verify = await api.get('/api/audit/verify', { token: secretariat.token });
    expect(verify.body).toMatchObject({ ok: true });
  });
});
