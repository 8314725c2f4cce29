import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { CYCLE_PHASES, PHASE_NAMES, type CyclePhase } from '@app/cycles';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox } from './support/mailbox.js';
import { TestApp } from './support/test-app.js';

type SignedInUser = Awaited<ReturnType<TestApp['userWith']>>;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  // Generous: the worker shares a busy machine with other test files.
  const deadline = Date.now() + 40_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await sleep(100);
  }
}

describe('cycles and the phase machine', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let mailbox: Mailbox;
  let db: DataSource;
  let admin: string;
  let secretariat: SignedInUser;
  let departmentId: string;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url });
    worker = await createWorkerApp(api.config);
    db = api.app.get(DataSource);
    admin = await api.adminToken();
    secretariat = await api.userWith([Role.Secretariat]);
    const department = await api.post('/api/departments', { name: '区水利局' }, { token: admin });
    departmentId = department.body.id as string;
  });
  afterAll(async () => {
    await worker.close();
    await api.stop();
    await mailbox.stop();
  });

  async function newCycle(body: Record<string, unknown> = {}): Promise<string> {
    const answer = await api.post(
      '/api/cycles',
      { year: 2020, title: '2020年普陀区民生实事', region: '普陀区', seats: 1, ...body },
      { token: secretariat.token },
    );
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  const move = (cycleId: string, phase: unknown, token = secretariat.token) =>
    api.post(`/api/cycles/${cycleId}/phase`, { phase }, { token });

  /** Candidates are drafted by another module; the phase guard only counts their rows. */
  async function addCandidates(cycleId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await db.query(
        `INSERT INTO candidates (cycle_id, title, category, summary, targets, budget, lead_department_id, created_by)
         VALUES ($1, $2, 'water', '改造渔农村供水管网', ARRAY['21公里'], 1000000, $3, $4)`,
        [cycleId, `候选项目${i + 1}`, departmentId, secretariat.id],
      );
    }
  }

  /**
   * Ballots are run by another module; implementing only needs every ballot counted and one
   * that selected a candidate (the projects are made from it).
   */
  async function settleSelection(cycleId: string): Promise<void> {
    const [candidate] = await db.query<{ id: string }[]>(
      'SELECT id FROM candidates WHERE cycle_id = $1 ORDER BY created_at LIMIT 1',
      [cycleId],
    );
    await db.query(
      `INSERT INTO ballots (id, cycle_id, kind, status, seats, quorum, deputy_count, item_ids,
                            public_key, scrutineers, shares_required, created_by, result)
       VALUES (gen_random_uuid(), $1, 'selection', 'counted', 1, 0.6667, 1, ARRAY[$2::uuid],
               '\\x00', 3, 2, $3, $4)`,
      [cycleId, candidate.id, secretariat.id, { status: 'final', selected: [candidate.id] }],
    );
  }

  async function phaseAudit(cycleId: string) {
    const answer = await api.get(
      `/api/audit?action=cycle.phase_changed&entityId=${cycleId}&pageSize=100`,
      { token: admin },
    );
    expect(answer.status).toBe(200);
    return answer.body as { total: number; items: { details: unknown; actorId: string }[] };
  }

  async function walkTo(cycleId: string, target: CyclePhase): Promise<void> {
    for (const phase of CYCLE_PHASES.slice(1, CYCLE_PHASES.indexOf(target) + 1)) {
      expect((await move(cycleId, phase)).status).toBe(200);
    }
  }

  describe('creating and reading', () => {
    it('creates a draft cycle with zero counts, readable by anyone', async () => {
      const created = await api.post(
        '/api/cycles',
        { year: 2021, title: ' 2021年普陀区民生实事 ', region: '普陀区', seats: 10 },
        { token: secretariat.token },
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        year: 2021,
        title: '2021年普陀区民生实事',
        region: '普陀区',
        seats: 10,
        allowEqualBallot: false,
        phase: 'draft',
        candidatesFrozen: false,
        counts: { proposals: 0, supports: 0, candidates: 0 },
      });
      const read = await api.get(`/api/cycles/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      const list = await api.get('/api/cycles?pageSize=100');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 100, total: expect.any(Number) });
      expect(list.body.items.map((cycle: { id: string }) => cycle.id)).toContain(created.body.id);
      const audit = await api.get(`/api/audit?action=cycle.created&entityId=${created.body.id}`, {
        token: admin,
      });
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0].actorId).toBe(secretariat.id);
    });

    it('only the secretariat creates cycles, and validates them', async () => {
      const body = { year: 2020, title: '年度', seats: 10 };
      expect((await api.post('/api/cycles', body)).status).toBe(401);
      for (const roles of [[Role.Resident], [Role.Deputy], [Role.Official]]) {
        const user = await api.userWith(roles);
        expect((await api.post('/api/cycles', body, { token: user.token })).status).toBe(403);
      }
      for (const bad of [
        { ...body, seats: 0 },
        { ...body, seats: 101 },
        { ...body, year: 1999 },
        { ...body, title: '' },
        { ...body, title: 'x'.repeat(101) },
        { ...body, phase: 'collecting' },
        { year: 2020, title: '年度' },
      ]) {
        const answer = await api.post('/api/cycles', bad, { token: secretariat.token });
        expect(answer.status, JSON.stringify(bad)).toBe(400);
      }
    });

    it('404 for an unknown cycle, 400 for an id that is no uuid', async () => {
      expect((await api.get(`/api/cycles/${randomUUID()}`)).status).toBe(404);
      expect((await api.get('/api/cycles/not-a-uuid')).status).toBe(400);
      expect((await move(randomUUID(), 'collecting')).status).toBe(404);
      expect((await move('not-a-uuid', 'collecting')).status).toBe(400);
    });
  });

  describe('moving phases', () => {
    it('walks every allowed move, each answered 200 and audited as cycle.phase_changed', async () => {
      const cycleId = await newCycle();
      const walked: { from: CyclePhase; to: CyclePhase }[] = [];
      for (const [i, phase] of CYCLE_PHASES.slice(1).entries()) {
        if (phase === 'balloting') {
          await addCandidates(cycleId, 2);
          await settleSelection(cycleId);
        }
        const answer = await move(cycleId, phase);
        expect(answer.status, `→ ${phase}: ${JSON.stringify(answer.body)}`).toBe(200);
        expect(answer.body).toMatchObject({ id: cycleId, phase });
        expect((await api.get(`/api/cycles/${cycleId}`)).body.phase).toBe(phase);
        walked.push({ from: CYCLE_PHASES[i], to: phase });
      }
      const audit = await phaseAudit(cycleId);
      expect(audit.total).toBe(6);
      // Newest first.
      expect(audit.items.map((entry) => entry.details).reverse()).toEqual(walked);
      expect(audit.items.every((entry) => entry.actorId === secretariat.id)).toBe(true);
      expect((await api.get('/api/audit/verify', { token: admin })).body.ok).toBe(true);
    });

    it('refuses every other move with 409 naming the current phase, and changes nothing', async () => {
      const cycleId = await newCycle();
      await addCandidates(cycleId, 2);
      await settleSelection(cycleId);
      let moves = 0;
      for (const [i, current] of CYCLE_PHASES.entries()) {
        if (i > 0) {
          expect((await move(cycleId, current)).status).toBe(200);
          moves++;
        }
        // Staying, skipping ahead and going back are all refused.
        for (const target of CYCLE_PHASES.filter((_, j) => j !== i + 1)) {
          const answer = await move(cycleId, target);
          expect(answer.status, `${current} → ${target}`).toBe(409);
          expect(answer.body).toMatchObject({
            statusCode: 409,
            error: 'Conflict',
            code: 'cycle.phase_move_refused',
          });
          expect(answer.body.message).toContain(`"${PHASE_NAMES[current].zh}"`);
          expect(answer.body.message).toContain(`The cycle is ${current}:`);
        }
        expect((await api.get(`/api/cycles/${cycleId}`)).body.phase).toBe(current);
        expect((await phaseAudit(cycleId)).total).toBe(moves);
      }
    });

    it('a closed cycle never moves again', async () => {
      const cycleId = await newCycle({ allowEqualBallot: true });
      await addCandidates(cycleId, 1);
      await settleSelection(cycleId);
      await walkTo(cycleId, 'closed');
      for (const target of CYCLE_PHASES) {
        const answer = await move(cycleId, target);
        expect(answer.status).toBe(409);
        expect(answer.body.message).toContain('The cycle is closed');
      }
      expect((await phaseAudit(cycleId)).total).toBe(6);
    });

    it('only the secretariat (or an admin) moves phases', async () => {
      const cycleId = await newCycle();
      expect((await api.post(`/api/cycles/${cycleId}/phase`, { phase: 'collecting' })).status).toBe(
        401,
      );
      for (const roles of [[Role.Resident], [Role.Deputy], [Role.Official]]) {
        const user = await api.userWith(roles);
        expect((await move(cycleId, 'collecting', user.token)).status).toBe(403);
      }
      expect((await api.get(`/api/cycles/${cycleId}`)).body.phase).toBe('draft');
      expect((await phaseAudit(cycleId)).total).toBe(0);
      expect((await move(cycleId, 'collecting', admin)).status).toBe(200);
    });

    it('400 for an unknown, missing or malformed phase', async () => {
      const cycleId = await newCycle();
      for (const phase of ['voting', 'DRAFT', 'Collecting', '', 1, null]) {
        const answer = await move(cycleId, phase);
        expect(answer.status, JSON.stringify(phase)).toBe(400);
        expect(answer.body.fields).toHaveProperty('phase');
      }
      const missing = await api.post(
        `/api/cycles/${cycleId}/phase`,
        {},
        { token: secretariat.token },
      );
      expect(missing.status).toBe(400);
      const extra = await api.post(
        `/api/cycles/${cycleId}/phase`,
        { phase: 'collecting', force: true },
        { token: secretariat.token },
      );
      expect(extra.status).toBe(400);
      expect((await api.get(`/api/cycles/${cycleId}`)).body.phase).toBe('draft');
    });

    it('balloting needs more candidates than seats, or as many when 等额 is allowed', async () => {
      const differential = await newCycle({ seats: 2 });
      await walkTo(differential, 'screening');
      await addCandidates(differential, 2);
      const tooFew = await move(differential, 'balloting');
      expect(tooFew.status).toBe(409);
      expect(tooFew.body.code).toBe('cycle.not_enough_candidates');
      expect((await api.get(`/api/cycles/${differential}`)).body.phase).toBe('screening');
      await addCandidates(differential, 1);
      expect((await move(differential, 'balloting')).status).toBe(200);

      const equal = await newCycle({ seats: 2, allowEqualBallot: true });
      await walkTo(equal, 'screening');
      await addCandidates(equal, 1);
      expect((await move(equal, 'balloting')).status).toBe(409);
      await addCandidates(equal, 1);
      expect((await move(equal, 'balloting')).status).toBe(200);
      expect((await api.get(`/api/cycles/${equal}`)).body.counts.candidates).toBe(2);
    });

    it('concurrent moves to the next phase: exactly one succeeds', async () => {
      const cycleId = await newCycle();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => move(cycleId, 'collecting')),
      );
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 409)).toHaveLength(9);
      expect((await phaseAudit(cycleId)).total).toBe(1);
    });
  });

  describe('phase notifications', () => {
    it('tells every active user when collecting, balloting, implementing and closed begin', async () => {
      const resident = await api.userWith([Role.Resident]);
      const deputy = await api.userWith([Role.Deputy]);
      const inactive = await api.userWith([Role.Resident]);
      expect(
        (await api.patch(`/api/users/${inactive.id}`, { active: false }, { token: admin })).status,
      ).toBe(200);
      // Their welcome mails, so any later mail to them would be the phase's.
      expect(
        await until(
          () =>
            Promise.resolve(mailbox.to(deputy.email).length + mailbox.to(resident.email).length),
          (count) => count === 2,
        ),
      ).toBe(2);

      const cycleId = await newCycle({ title: '2022年普陀区民生实事', allowEqualBallot: true });
      await addCandidates(cycleId, 1);
      await settleSelection(cycleId);
      await walkTo(cycleId, 'closed');

      const phaseItems = async (user: SignedInUser) => {
        const answer = await api.get('/api/notifications?pageSize=100', { token: user.token });
        return (answer.body.items as { kind: string; link: string }[]).filter(
          (item) => item.kind === 'cycle.phase_changed' && item.link === `/cycles/${cycleId}`,
        );
      };
      const items = await until(
        () => phaseItems(resident),
        (found) => found.length >= 4,
      );
      expect(items).toHaveLength(4);
      expect(items.map((item: any) => item.title.zh).sort()).toEqual(
        [
          '民生实事建议征集开始',
          '民生实事进入代表票决',
          '民生实事项目进入实施',
          '本年度民生实事已结束',
        ].sort(),
      );
      const collecting: any = items.find((item: any) => item.title.zh.includes('征集开始'));
      expect(collecting.body.zh).toContain('2022年普陀区民生实事');
      expect(collecting.title.en).toBe('Proposals are open');
      expect(
        await until(
          () => phaseItems(deputy),
          (found) => found.length >= 4,
        ),
      ).toHaveLength(4);
      // Every event is out; screening and evaluating told nobody, and nothing came twice.
      await sleep(1_000);
      expect(await phaseItems(resident)).toHaveLength(4);
      expect(await phaseItems(secretariat)).toHaveLength(4);
      const [{ n: stored }] = await db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE kind = 'cycle.phase_changed' AND link = $1
         AND user_id = $2`,
        [`/cycles/${cycleId}`, inactive.id],
      );
      expect(stored).toBe(0);
      // Email is off by default for this kind: no delivery is even planned.
      expect(mailbox.to(resident.email)).toHaveLength(1);
      expect(mailbox.to(deputy.email)).toHaveLength(1);
      const [{ n: deliveries }] = await db.query(
        `SELECT count(*)::int AS n FROM deliveries d JOIN notifications n
         ON n.event_id = d.event_id AND n.user_id = d.user_id WHERE n.link = $1`,
        [`/cycles/${cycleId}`],
      );
      expect(deliveries).toBe(0);
    }, 120_000);

    it('is listed among the preferences with email and webhook off', async () => {
      const resident = await api.userWith([Role.Resident]);
      const answer = await api.get('/api/notifications/preferences', { token: resident.token });
      expect(answer.body.preferences).toEqual(
        expect.arrayContaining([
          {
            kind: 'cycle.phase_changed',
            label: { zh: expect.any(String), en: expect.any(String) },
            inApp: true,
            email: false,
            webhook: false,
          },
          {
            kind: 'proposal.reviewed',
            label: { zh: expect.any(String), en: expect.any(String) },
            inApp: true,
            email: true,
            webhook: false,
          },
        ]),
      );
    });
  });
});
