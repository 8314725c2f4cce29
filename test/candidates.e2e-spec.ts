import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { TestApp, type HttpAnswer } from './support/test-app.js';

interface Actor {
  id: string;
  token: string;
}

interface Official extends Actor {
  departmentId: string;
}

interface ScreeningCycle {
  id: string;
  accepted: string[];
  submitted: string[];
  rejected: string[];
}

describe('candidates (候选项目)', () => {
  let api: TestApp;
  let secretariat: Actor;
  let officialA: Official;
  let officialB: Official;
  let resident: Actor;
  let deputy: Actor;
  let cycleNumber = 0;

  beforeAll(async () => {
    api = await TestApp.start();
    secretariat = await api.userWith([Role.Secretariat]);
    officialA = await official();
    officialB = await official();
    resident = await api.userWith([Role.Resident]);
    deputy = await api.userWith([Role.Deputy]);
  });
  afterAll(async () => {
    await api.stop();
  });

  async function official(): Promise<Official> {
    const user = await api.userWith([Role.Official]);
    const me = await api.get('/api/auth/me', { token: user.token });
    return { ...user, departmentId: me.body.departmentId as string };
  }

  function movePhase(cycleId: string, phase: string) {
    return api.post(`/api/cycles/${cycleId}/phase`, { phase }, { token: secretariat.token });
  }

  /** A cycle driven through HTTP to screening, its proposals reviewed as asked. */
  async function screeningCycle(
    options: {
      seats?: number;
      allowEqualBallot?: boolean;
      accepted?: number;
      submitted?: number;
      rejected?: number;
    } = {},
  ): Promise<ScreeningCycle> {
    const n = ++cycleNumber;
    const created = await api.post(
      '/api/cycles',
      {
        year: 2020,
        title: `2020年民生实事 ${n}`,
        region: '普陀区',
        seats: options.seats ?? 3,
        allowEqualBallot: options.allowEqualBallot ?? false,
      },
      { token: secretariat.token },
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await movePhase(id, 'collecting')).status).toBe(200);
    const [accepted, submitted, rejected] = [
      options.accepted ?? 4,
      options.submitted ?? 0,
      options.rejected ?? 0,
    ];
    const proposals: string[] = [];
    for (let i = 0; i < accepted + submitted + rejected; i++) {
      const answer = await api.post(
        `/api/cycles/${id}/proposals`,
        {
          title: `第${n}年度建议${i}：改造老旧小区设施`,
          category: 'housing',
          description: `编号${n}-${i}：小区设施老旧，希望改造。`,
          location: '沈家门街道',
        },
        { token: resident.token },
      );
      expect(answer.status).toBe(201);
      proposals.push(answer.body.id as string);
    }
    expect((await movePhase(id, 'screening')).status).toBe(200);
    const review = async (proposalId: string, body: object) => {
      const answer = await api.post(`/api/proposals/${proposalId}/review`, body, {
        token: officialA.token,
      });
      expect(answer.status).toBe(200);
    };
    for (const proposalId of proposals.slice(0, accepted)) {
      await review(proposalId, { decision: 'accept' });
    }
    for (const proposalId of proposals.slice(accepted + submitted)) {
      await review(proposalId, { decision: 'reject', reason: '不属于民生实事范围' });
    }
    return {
      id,
      accepted: proposals.slice(0, accepted),
      submitted: proposals.slice(accepted, accepted + submitted),
      rejected: proposals.slice(accepted + submitted),
    };
  }

  function draft(overrides: Record<string, unknown> = {}) {
    return {
      title: '就业促进工程',
      category: 'employment',
      summary: '开展技能培训和就业援助，促进城乡居民就业。',
      targets: ['新增就业3800人'],
      budget: 9_500_000,
      leadDepartmentId: officialA.departmentId,
      sourceProposalIds: [],
      ...overrides,
    };
  }

  async function createCandidate(
    cycleId: string,
    overrides: Record<string, unknown>,
    actor: Actor = officialA,
  ): Promise<Record<string, any>> {
    const answer = await api.post(`/api/cycles/${cycleId}/candidates`, draft(overrides), {
      token: actor.token,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  }

  /** Everything a refused call could have changed. */
  async function snapshot(...cycleIds: string[]) {
    const cycles = [];
    for (const cycleId of cycleIds) {
      const cycle = await api.get(`/api/cycles/${cycleId}`);
      const candidates = await api.get(`/api/cycles/${cycleId}/candidates?pageSize=100`, {
        token: secretariat.token,
      });
      const proposals = await api.get(`/api/cycles/${cycleId}/proposals?pageSize=100`, {
        token: secretariat.token,
      });
      cycles.push({
        phase: cycle.body.phase,
        counts: cycle.body.counts,
        candidates: candidates.body.items,
        proposals: proposals.body.items.map((p: any) => [p.id, p.status, p.candidateIds]),
      });
    }
    const audit = await api.get('/api/audit?pageSize=1', { token: secretariat.token });
    return { cycles, audit: audit.body.total as number };
  }

  async function expectRefused(
    send: () => Promise<HttpAnswer>,
    status: number,
    code: string | undefined,
    ...cycleIds: string[]
  ): Promise<HttpAnswer> {
    const before = await snapshot(...cycleIds);
    const answer = await send();
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    if (code) {
      expect(answer.body.code).toBe(code);
    }
    expect(await snapshot(...cycleIds)).toEqual(before);
    return answer;
  }

  async function auditOf(action: string, entityId: string) {
    const answer = await api.get(`/api/audit?action=${action}&entityId=${entityId}`, {
      token: secretariat.token,
    });
    return answer.body.items as { actorId: string; details: Record<string, unknown> }[];
  }

  describe('drafting', () => {
    let cycle: ScreeningCycle;
    beforeAll(async () => {
      cycle = await screeningCycle({ accepted: 5 });
    });

    it('drafts a candidate from accepted proposals, traceable both ways, and audits it', async () => {
      const [first, second] = cycle.accepted;
      const answer = await api.post(
        `/api/cycles/${cycle.id}/candidates`,
        draft({
          title: '  品质河道和"污水零直排区"建设 ',
          category: 'environment',
          targets: [' 新增品质河道8条', '打造40个小区"污水零直排区"'],
          budget: 48_000_000,
          sourceProposalIds: [second, first],
        }),
        { token: officialA.token },
      );
      expect(answer.status).toBe(201);
      const titles = async (id: string) => (await api.get(`/api/proposals/${id}`)).body.title;
      expect(answer.body).toEqual({
        id: expect.any(String),
        cycleId: cycle.id,
        title: '品质河道和"污水零直排区"建设',
        category: 'environment',
        summary: '开展技能培训和就业援助，促进城乡居民就业。',
        targets: ['新增品质河道8条', '打造40个小区"污水零直排区"'],
        budget: 48_000_000,
        leadDepartment: { id: officialA.departmentId, name: expect.any(String) },
        sourceProposals: [
          { id: first, title: await titles(first) },
          { id: second, title: await titles(second) },
        ],
        createdAt: expect.any(String),
      });
      const id = answer.body.id as string;

      for (const proposalId of [first, second]) {
        const proposal = await api.get(`/api/proposals/${proposalId}`);
        expect(proposal.body.candidateIds).toEqual([id]);
      }
      expect((await api.get(`/api/proposals/${cycle.accepted[2]}`)).body.candidateIds).toEqual([]);
      const read = await api.get(`/api/candidates/${id}`, { token: officialB.token });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(answer.body);
      expect((await api.get(`/api/cycles/${cycle.id}`)).body.counts.candidates).toBe(1);

      const [entry] = await auditOf('candidate.created', id);
      expect(entry).toMatchObject({
        actorId: officialA.id,
        details: {
          cycleId: cycle.id,
          budget: '48000000',
          sourceProposalIds: [second, first],
        },
      });
    });

    it('lets the secretariat draft for any department, and keeps the largest budget exact', async () => {
      const candidate = await createCandidate(
        cycle.id,
        {
          leadDepartmentId: officialB.departmentId,
          budget: Number.MAX_SAFE_INTEGER,
          sourceProposalIds: [cycle.accepted[2]],
        },
        secretariat,
      );
      expect(candidate.leadDepartment.id).toBe(officialB.departmentId);
      expect(candidate.budget).toBe(Number.MAX_SAFE_INTEGER);
      expect(
        (await api.get(`/api/candidates/${candidate.id}`, { token: secretariat.token })).body,
      ).toEqual(candidate);
    });

    it('lets an official of any department draft for their own', async () => {
      const candidate = await createCandidate(
        cycle.id,
        {
          leadDepartmentId: officialB.departmentId,
          budget: 0,
          sourceProposalIds: [cycle.accepted[3]],
        },
        officialB,
      );
      expect(candidate.budget).toBe(0);
    });

    it('lists the candidates in drafting order with their sources', async () => {
      const list = await api.get(`/api/cycles/${cycle.id}/candidates`, { token: officialA.token });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(
        list.body.items.map((item: any) => item.sourceProposals.map((s: any) => s.id)),
      ).toEqual([[cycle.accepted[0], cycle.accepted[1]], [cycle.accepted[2]], [cycle.accepted[3]]]);
      const second = await api.get(`/api/cycles/${cycle.id}/candidates?page=2&pageSize=2`, {
        token: officialA.token,
      });
      expect(second.body.items).toHaveLength(1);
      expect(second.body.total).toBe(3);
    });

    it('answers 5 simultaneous drafts of one proposal with one 201 and four 409', async () => {
      const contested = cycle.accepted[4];
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          api.post(
            `/api/cycles/${cycle.id}/candidates`,
            draft({ title: `同时起草${i}`, sourceProposalIds: [contested] }),
            { token: secretariat.token },
          ),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const answer of answers.filter((a) => a.status === 409)) {
        expect(answer.body.code).toBe('candidate.source_taken');
      }
      const proposal = await api.get(`/api/proposals/${contested}`);
      expect(proposal.body.candidateIds).toEqual([answers.find((a) => a.status === 201)!.body.id]);
      expect((await api.get(`/api/cycles/${cycle.id}`)).body.counts.candidates).toBe(4);
    });
  });

  describe('refusals leave everything as it was', () => {
    let cycle: ScreeningCycle;
    let other: ScreeningCycle;
    let used: string;
    let free: string;

    beforeAll(async () => {
      cycle = await screeningCycle({ accepted: 3, submitted: 1, rejected: 1 });
      other = await screeningCycle({ accepted: 1 });
      await createCandidate(cycle.id, { sourceProposalIds: [cycle.accepted[0]] });
      used = cycle.accepted[0];
      free = cycle.accepted[1];
    });

    const send = (actor: () => Actor | undefined, overrides: () => Record<string, unknown>) => () =>
      api.post(
        `/api/cycles/${cycle.id}/candidates`,
        draft({ sourceProposalIds: [free], ...overrides() }),
        {
          token: actor()?.token,
        },
      );

    it.each([
      ['a negative budget', () => ({ budget: -1 })],
      ['a fractional budget', () => ({ budget: 1.5 })],
      ['a budget given as a string', () => ({ budget: '100' })],
      ['a budget beyond the safe integers', () => ({ budget: 2 ** 53 })],
      ['no budget', () => ({ budget: undefined })],
      ['empty targets', () => ({ targets: [] })],
      ['21 targets', () => ({ targets: Array.from({ length: 21 }, (_, i) => `目标${i}`) })],
      ['a blank target', () => ({ targets: ['新增就业3800人', '   '] })],
      ['a target of 201 characters', () => ({ targets: ['标'.repeat(201)] })],
      ['targets that are not strings', () => ({ targets: [42] })],
      ['a blank title', () => ({ title: '  ' })],
      ['a title of 101 characters', () => ({ title: '题'.repeat(101) })],
      ['a summary of 2001 characters', () => ({ summary: '述'.repeat(2001) })],
      ['an unknown category', () => ({ category: 'space' })],
      ['no sources', () => ({ sourceProposalIds: [] })],
      ['a source that is no uuid', () => ({ sourceProposalIds: ['p-1'] })],
      ['a source named twice', (free: string) => ({ sourceProposalIds: [free, free] })],
      ['a lead department that is no uuid', () => ({ leadDepartmentId: 'dept' })],
      ['an unknown field', () => ({ deputyId: randomUUID() })],
    ] as [string, (free: string) => Record<string, unknown>][])(
      'refuses %s with 400',
      async (_name, overrides) => {
        const answer = await expectRefused(
          send(
            () => officialA,
            () => overrides(free),
          ),
          400,
          'validation_failed',
          cycle.id,
        );
        expect(answer.body.fields).toBeDefined();
      },
    );

    it('refuses a proposal still awaiting review, a rejected and an unknown one with 422', async () => {
      for (const source of [cycle.submitted[0], cycle.rejected[0], randomUUID()]) {
        await expectRefused(
          send(
            () => officialA,
            () => ({ sourceProposalIds: [free, source] }),
          ),
          422,
          'candidate.invalid_source',
          cycle.id,
        );
      }
    });

    it('refuses a proposal of another cycle with 422', async () => {
      await expectRefused(
        send(
          () => officialA,
          () => ({ sourceProposalIds: [other.accepted[0]] }),
        ),
        422,
        'candidate.invalid_source',
        cycle.id,
        other.id,
      );
    });

    it('refuses a proposal that is already the source of a candidate with 409', async () => {
      for (const sources of [[used], [free, used]]) {
        await expectRefused(
          send(
            () => officialA,
            () => ({ sourceProposalIds: sources }),
          ),
          409,
          'candidate.source_taken',
          cycle.id,
        );
      }
    });

    it('refuses an official drafting for another department with 403', async () => {
      await expectRefused(
        send(
          () => officialB,
          () => ({ leadDepartmentId: officialA.departmentId }),
        ),
        403,
        'candidate.not_lead_department',
        cycle.id,
      );
      await expectRefused(
        send(
          () => officialA,
          () => ({ leadDepartmentId: officialB.departmentId }),
        ),
        403,
        'candidate.not_lead_department',
        cycle.id,
      );
    });

    it('refuses residents and deputies with 403, and anonymous callers with 401', async () => {
      await expectRefused(
        send(
          () => resident,
          () => ({}),
        ),
        403,
        undefined,
        cycle.id,
      );
      await expectRefused(
        send(
          () => deputy,
          () => ({}),
        ),
        403,
        undefined,
        cycle.id,
      );
      await expectRefused(
        send(
          () => undefined,
          () => ({}),
        ),
        401,
        undefined,
        cycle.id,
      );
    });

    it('refuses an unknown lead department with 422 and an unknown cycle with 404', async () => {
      await expectRefused(
        send(
          () => secretariat,
          () => ({ leadDepartmentId: randomUUID() }),
        ),
        422,
        'candidate.lead_department_unknown',
        cycle.id,
      );
      await expectRefused(
        () =>
          api.post(`/api/cycles/${randomUUID()}/candidates`, draft({ sourceProposalIds: [free] }), {
            token: officialA.token,
          }),
        404,
        'cycle.not_found',
        cycle.id,
      );
    });

    it('refuses drafting while the cycle is still collecting with 409', async () => {
      const created = await api.post(
        '/api/cycles',
        { year: 2021, title: '征集中的年度', seats: 1 },
        { token: secretariat.token },
      );
      const collecting = created.body.id as string;
      await movePhase(collecting, 'collecting');
      const proposal = await api.post(
        `/api/cycles/${collecting}/proposals`,
        { title: '增设公交线路', category: 'transport', description: '希望增设公交线路' },
        { token: resident.token },
      );
      await expectRefused(
        () =>
          api.post(
            `/api/cycles/${collecting}/candidates`,
            draft({ sourceProposalIds: [proposal.body.id] }),
            { token: officialA.token },
          ),
        409,
        'cycle.wrong_phase',
        collecting,
      );
    });

    it('refuses every change once the list is frozen, with 409', async () => {
      const frozen = await screeningCycle({ accepted: 2 });
      const candidate = await createCandidate(frozen.id, {
        sourceProposalIds: [frozen.accepted[0]],
      });
      await api.app
        .get(DataSource)
        .query('UPDATE cycles SET candidates_frozen_at = now() WHERE id = $1', [frozen.id]);
      await expectRefused(
        () =>
          api.post(
            `/api/cycles/${frozen.id}/candidates`,
            draft({ sourceProposalIds: [frozen.accepted[1]] }),
            { token: officialA.token },
          ),
        409,
        'cycle.candidates_frozen',
        frozen.id,
      );
      await expectRefused(
        () =>
          api.patch(`/api/candidates/${candidate.id}`, { budget: 1 }, { token: officialA.token }),
        409,
        'cycle.candidates_frozen',
        frozen.id,
      );
      await expectRefused(
        () => api.request('DELETE', `/api/candidates/${candidate.id}`, { token: officialA.token }),
        409,
        'cycle.candidates_frozen',
        frozen.id,
      );
    });
  });

  describe('editing and deleting', () => {
    let cycle: ScreeningCycle;
    let other: ScreeningCycle;
    let candidate: Record<string, any>;
    let neighbour: Record<string, any>;

    beforeAll(async () => {
      cycle = await screeningCycle({ accepted: 5, submitted: 1 });
      other = await screeningCycle({ accepted: 1 });
      candidate = await createCandidate(cycle.id, { sourceProposalIds: [cycle.accepted[0]] });
      neighbour = await createCandidate(cycle.id, {
        title: '示范型居家养老服务中心',
        sourceProposalIds: [cycle.accepted[1]],
      });
    });

    const patch = (body: object, actor: () => Actor = () => officialA) =>
      api.patch(`/api/candidates/${candidate.id}`, body, { token: actor().token });

    it('lets an official of the lead department change fields and replace the sources', async () => {
      const answer = await patch({
        title: '就业促进和技能培训工程',
        targets: ['新增就业3800人', '培训2000人次'],
        budget: 12_000_000,
        sourceProposalIds: [cycle.accepted[2], cycle.accepted[3]],
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({
        id: candidate.id,
        title: '就业促进和技能培训工程',
        category: 'employment',
        summary: candidate.summary,
        targets: ['新增就业3800人', '培训2000人次'],
        budget: 12_000_000,
        leadDepartment: candidate.leadDepartment,
        createdAt: candidate.createdAt,
      });
      expect(answer.body.sourceProposals.map((s: any) => s.id)).toEqual([
        cycle.accepted[2],
        cycle.accepted[3],
      ]);
      expect((await api.get(`/api/proposals/${cycle.accepted[0]}`)).body.candidateIds).toEqual([]);
      expect((await api.get(`/api/proposals/${cycle.accepted[2]}`)).body.candidateIds).toEqual([
        candidate.id,
      ]);
      const [entry] = await auditOf('candidate.updated', candidate.id);
      expect(entry.details).toMatchObject({
        changed: ['budget', 'sourceProposalIds', 'targets', 'title'],
        budget: '12000000',
      });
      candidate = answer.body;
    });

    it('keeps a source the new list names again', async () => {
      const answer = await patch({ sourceProposalIds: [cycle.accepted[3], cycle.accepted[0]] });
      expect(answer.status).toBe(200);
      expect(answer.body.sourceProposals.map((s: any) => s.id).sort()).toEqual(
        [cycle.accepted[0], cycle.accepted[3]].sort(),
      );
      candidate = answer.body;
    });

    it('refuses changes that break the rules, changing nothing', async () => {
      const refusals: [object, () => Actor, number, string | undefined][] = [
        [{ title: '他部门修改' }, () => officialB, 403, 'candidate.not_lead_department'],
        [
          { leadDepartmentId: officialB.departmentId },
          () => officialA,
          403,
          'candidate.not_lead_department',
        ],
        [{ title: '居民修改' }, () => resident, 403, undefined],
        [{ title: null }, () => officialA, 400, 'validation_failed'],
        [{ budget: -5 }, () => officialA, 400, 'validation_failed'],
        [{ budget: 2.5 }, () => officialA, 400, 'validation_failed'],
        [{ targets: [] }, () => officialA, 400, 'validation_failed'],
        [{ sourceProposalIds: [] }, () => officialA, 400, 'validation_failed'],
        [
          { sourceProposalIds: [cycle.accepted[1]] },
          () => officialA,
          409,
          'candidate.source_taken',
        ],
        [
          { sourceProposalIds: [cycle.submitted[0]] },
          () => officialA,
          422,
          'candidate.invalid_source',
        ],
        [
          { sourceProposalIds: [other.accepted[0]] },
          () => officialA,
          422,
          'candidate.invalid_source',
        ],
      ];
      for (const [body, actor, status, code] of refusals) {
        await expectRefused(() => patch(body, actor), status, code, cycle.id, other.id);
      }
      await expectRefused(
        () =>
          api.patch(`/api/candidates/${randomUUID()}`, { budget: 1 }, { token: officialA.token }),
        404,
        'candidate.not_found',
        cycle.id,
      );
    });

    it('lets the secretariat hand the lead to another department, whose officials then own it', async () => {
      const moved = await patch({ leadDepartmentId: officialB.departmentId }, () => secretariat);
      expect(moved.status).toBe(200);
      expect(moved.body.leadDepartment.id).toBe(officialB.departmentId);
      await expectRefused(
        () => patch({ budget: 1 }, () => officialA),
        403,
        'candidate.not_lead_department',
        cycle.id,
      );
      const byB = await patch({ budget: 13_000_000 }, () => officialB);
      expect(byB.status).toBe(200);
      expect(byB.body.budget).toBe(13_000_000);
    });

    it('deletes: only the lead department or the secretariat, and the sources return to the reserve', async () => {
      await expectRefused(
        () => api.request('DELETE', `/api/candidates/${candidate.id}`, { token: officialA.token }),
        403,
        'candidate.not_lead_department',
        cycle.id,
      );
      await expectRefused(
        () => api.request('DELETE', `/api/candidates/${candidate.id}`, { token: resident.token }),
        403,
        undefined,
        cycle.id,
      );
      const sources = (candidate.sourceProposals as { id: string }[]).map((s) => s.id);
      const deleted = await api.request('DELETE', `/api/candidates/${candidate.id}`, {
        token: officialB.token,
      });
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      expect(
        (await api.get(`/api/candidates/${candidate.id}`, { token: officialA.token })).status,
      ).toBe(404);
      for (const source of sources) {
        expect((await api.get(`/api/proposals/${source}`)).body.candidateIds).toEqual([]);
      }
      const reserve = await api.get(`/api/cycles/${cycle.id}/reserve`, { token: officialA.token });
      expect(reserve.body.items.map((p: any) => p.id)).toEqual(expect.arrayContaining(sources));
      const [entry] = await auditOf('candidate.deleted', candidate.id);
      expect(entry).toMatchObject({ actorId: officialB.id });
      expect((entry.details.sourceProposalIds as string[]).sort()).toEqual([...sources].sort());

      const bySecretariat = await api.request('DELETE', `/api/candidates/${neighbour.id}`, {
        token: secretariat.token,
      });
      expect(bySecretariat.status).toBe(204);
      expect((await api.get(`/api/cycles/${cycle.id}`)).body.counts.candidates).toBe(0);
      await expectRefused(
        () =>
          api.request('DELETE', `/api/candidates/${neighbour.id}`, { token: secretariat.token }),
        404,
        'candidate.not_found',
        cycle.id,
      );
    });
  });

  describe('visibility and the balloting guard', () => {
    it('needs more candidates than seats to ballot, then shows the list to everyone and freezes edits', async () => {
      const cycle = await screeningCycle({ seats: 3, accepted: 5 });
      const candidates: Record<string, any>[] = [];
      for (const source of cycle.accepted.slice(0, 3)) {
        candidates.push(await createCandidate(cycle.id, { sourceProposalIds: [source] }));
      }

      const notPublic = async (token: string | undefined) => {
        for (const url of [
          `/api/cycles/${cycle.id}/candidates`,
          `/api/candidates/${candidates[0].id}`,
        ]) {
          const answer = await api.get(url, { token });
          expect(answer.status).toBe(403);
          expect(answer.body.code).toBe('candidate.not_public');
        }
      };
      await notPublic(undefined);
      await notPublic(resident.token);
      await notPublic(deputy.token);
      await notPublic('not-a-token');
      for (const viewer of [officialB, secretariat]) {
        const list = await api.get(`/api/cycles/${cycle.id}/candidates`, { token: viewer.token });
        expect(list.status).toBe(200);
        expect(list.body.total).toBe(3);
      }
      const admin = await api.adminToken();
      expect((await api.get(`/api/candidates/${candidates[0].id}`, { token: admin })).status).toBe(
        200,
      );

      const refused = await expectRefused(
        () => movePhase(cycle.id, 'balloting'),
        409,
        'cycle.not_enough_candidates',
        cycle.id,
      );
      expect(refused.body.message).toContain('3');

      candidates.push(await createCandidate(cycle.id, { sourceProposalIds: [cycle.accepted[3]] }));
      const moved = await movePhase(cycle.id, 'balloting');
      expect(moved.status).toBe(200);
      expect(moved.body.phase).toBe('balloting');

      const list = await api.get(`/api/cycles/${cycle.id}/candidates`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: any) => item.id)).toEqual(candidates.map((c) => c.id));
      expect((await api.get(`/api/candidates/${candidates[0].id}`)).body).toEqual(candidates[0]);
      expect(
        (await api.get(`/api/candidates/${candidates[0].id}`, { token: resident.token })).status,
      ).toBe(200);

      await expectRefused(
        () =>
          api.post(
            `/api/cycles/${cycle.id}/candidates`,
            draft({ sourceProposalIds: [cycle.accepted[4]] }),
            { token: officialA.token },
          ),
        409,
        'cycle.wrong_phase',
        cycle.id,
      );
      await expectRefused(
        () =>
          api.patch(
            `/api/candidates/${candidates[0].id}`,
            { budget: 1 },
            { token: secretariat.token },
          ),
        409,
        'cycle.wrong_phase',
        cycle.id,
      );
      await expectRefused(
        () =>
          api.request('DELETE', `/api/candidates/${candidates[0].id}`, {
            token: secretariat.token,
          }),
        409,
        'cycle.wrong_phase',
        cycle.id,
      );
    });

    it('lets an equal ballot (等额) go ahead with as many candidates as seats, not fewer', async () => {
      const cycle = await screeningCycle({ seats: 3, allowEqualBallot: true, accepted: 3 });
      for (const source of cycle.accepted.slice(0, 2)) {
        await createCandidate(cycle.id, { sourceProposalIds: [source] });
      }
      await expectRefused(
        () => movePhase(cycle.id, 'balloting'),
        409,
        'cycle.not_enough_candidates',
        cycle.id,
      );
      await createCandidate(cycle.id, { sourceProposalIds: [cycle.accepted[2]] });
      const moved = await movePhase(cycle.id, 'balloting');
      expect(moved.status).toBe(200);
      expect(moved.body.counts.candidates).toBe(3);
    });

    it('keeps the audit chain intact', async () => {
      const verify = await api.get('/api/audit/verify', { token: secretariat.token });
      expect(verify.body).toMatchObject({ ok: true });
    });
  });
});
