import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { TestApp } from './support/test-app.js';

type Person = Awaited<ReturnType<TestApp['userWith']>>;

interface ListedProposal {
  id: string;
  title: string;
  status: string;
  supportCount: number;
  candidateIds: string[];
  author: { id: string; displayName: string } | null;
}

/**
 * The API keeps a cycle's list pages for a second and its totals for two: these tests hold the
 * clock (only `Date`; timers and I/O run) so that what is reused and what is not is certain.
 */
describe('proposal lists reused for a moment, never older than this process’s writes', () => {
  let api: TestApp;
  let db: DataSource;
  let secretariat: Person;
  let official: Person;
  let departmentId: string;
  let alice: Person;
  let bob: Person;
  let cycleId: string;
  let ids: { plain: string; anonymous: string; other: string };

  beforeAll(async () => {
    api = await TestApp.start();
    db = api.app.get(DataSource);
    const admin = await api.adminToken();
    const department = await api.post('/api/departments', { name: '区住建局' }, { token: admin });
    departmentId = department.body.id as string;
    secretariat = await api.userWith([Role.Secretariat]);
    official = await api.userWith([Role.Official], { departmentId });
    alice = await api.userWith([Role.Resident]);
    bob = await api.userWith([Role.Resident]);
    const cycle = await api.post(
      '/api/cycles',
      { year: 2020, title: '2020年普陀区民生实事', region: '普陀区', seats: 1 },
      { token: secretariat.token },
    );
    cycleId = cycle.body.id as string;
    await movePhase('collecting');
    const file = async (by: Person, title: string, anonymous = false) => {
      const answer = await api.post(
        `/api/cycles/${cycleId}/proposals`,
        { title, category: 'housing', description: `${title}，方便群众`, anonymous },
        { token: by.token },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.id as string;
    };
    ids = {
      plain: await file(alice, '老旧小区加装电梯'),
      anonymous: await file(alice, '沈家门街道老旧小区改造', true),
      other: await file(bob, '东港街道增设停车位'),
    };
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function movePhase(phase: string): Promise<void> {
    const answer = await api.post(
      `/api/cycles/${cycleId}/phase`,
      { phase },
      { token: secretariat.token },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  async function list(query = 'sort=supports', token?: string) {
    const answer = await api.get<{ items: ListedProposal[]; total: number }>(
      `/api/cycles/${cycleId}/proposals?${query}`,
      { token },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer;
  }

  const listed = (items: ListedProposal[], id: string) => items.find((item) => item.id === id)!;

  it('reuses a page for a second, but shows a support made through this process at once', async () => {
    const first = await list();
    expect(listed(first.body.items, ids.plain).supportCount).toBe(0);
    // Behind the API's back, as another process would: the reused page does not show it yet.
    await db.query('UPDATE proposals SET support_count = 40 WHERE id = $1', [ids.other]);
    expect(listed((await list()).body.items, ids.other).supportCount).toBe(0);

    const supported = await api.post(`/api/proposals/${ids.plain}/supports`, undefined, {
      token: bob.token,
    });
    expect(supported.status).toBe(201);
    const after = (await list()).body.items;
    expect(listed(after, ids.plain).supportCount).toBe(1);
    // The page was read again, so the other process's change shows too, in its place.
    expect(listed(after, ids.other).supportCount).toBe(40);
    expect(after[0].id).toBe(ids.other);

    await db.query('UPDATE proposals SET support_count = 0 WHERE id = $1', [ids.other]);
    expect(listed((await list()).body.items, ids.other).supportCount).toBe(40);
    vi.setSystemTime(Date.now() + 1_001);
    expect(listed((await list()).body.items, ids.other).supportCount).toBe(0);
  });

  it('answers the public JSON, and each viewer who may know an anonymous author their own', async () => {
    const publicAnswer = await list('sort=recent');
    expect(publicAnswer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(listed(publicAnswer.body.items, ids.anonymous).author).toBeNull();
    expect(listed(publicAnswer.body.items, ids.plain).author?.id).toBe(alice.id);

    const bobsAnswer = await list('sort=recent', bob.token);
    expect(bobsAnswer.body).toEqual(publicAnswer.body);
    expect(bobsAnswer.headers['content-type']).toBe('application/json; charset=utf-8');

    for (const viewer of [alice, official, secretariat]) {
      const own = (await list('sort=recent', viewer.token)).body.items;
      expect(listed(own, ids.anonymous).author?.id).toBe(alice.id);
    }
    // Their answers did not leak into the page everyone else is given.
    expect(listed((await list('sort=recent')).body.items, ids.anonymous).author).toBeNull();
  });

  it('shows a withdrawal, a review and a new candidate at once, totals included', async () => {
    expect((await list('status=submitted')).body.total).toBe(3);
    const withdrawn = await api.post(`/api/proposals/${ids.other}/withdraw`, undefined, {
      token: bob.token,
    });
    expect(withdrawn.status).toBe(200);
    expect((await list('status=submitted')).body.total).toBe(2);

    await movePhase('screening');
    expect((await list('status=accepted')).body.total).toBe(0);
    const accepted = await api.post(
      `/api/proposals/${ids.plain}/review`,
      { decision: 'accept' },
      { token: official.token },
    );
    expect(accepted.status).toBe(200);
    expect((await list('status=accepted')).body.total).toBe(1);
    expect(listed((await list()).body.items, ids.plain).candidateIds).toEqual([]);

    const candidate = await api.post(
      `/api/cycles/${cycleId}/candidates`,
      {
        title: '老旧小区加装电梯工程',
        category: 'housing',
        summary: '为多层老旧小区加装电梯。',
        targets: ['加装电梯30台'],
        budget: 6_000_000,
        leadDepartmentId: departmentId,
        sourceProposalIds: [ids.plain],
      },
      { token: official.token },
    );
    expect(candidate.status, JSON.stringify(candidate.body)).toBe(201);
    expect(listed((await list()).body.items, ids.plain).candidateIds).toEqual([candidate.body.id]);

    const removed = await api.request('DELETE', `/api/candidates/${candidate.body.id}`, {
      token: official.token,
    });
    expect(removed.status).toBe(204);
    expect(listed((await list()).body.items, ids.plain).candidateIds).toEqual([]);
  });
});
