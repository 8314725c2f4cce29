import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { CYCLE_PHASES, type CyclePhase } from '@app/cycles';
import { createWorkerApp } from '../apps/worker/src/create-worker-app.js';
import { Mailbox, type ReceivedMail } from './support/mailbox.js';
import { TestApp } from './support/test-app.js';

interface Person {
  id: string;
  email: string;
  token: string;
  displayName: string;
}

interface ProposalBody {
  title: string;
  category: string;
  description: string;
  location?: string;
  anonymous?: boolean;
}

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

/** The text of a mail: encoded-word headers and base64 / quoted-printable parts, decoded. */
function mailText(mail: ReceivedMail): string {
  const fromBytes = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');
  const headers = mail.raw.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding, text) =>
    String(encoding).toLowerCase() === 'b'
      ? Buffer.from(String(text), 'base64').toString('utf8')
      : fromBytes(
          String(text)
            .replace(/_/g, ' ')
            .replace(/=([0-9a-f]{2})/gi, (__, hex) => String.fromCharCode(parseInt(hex, 16))),
        ),
  );
  const parts = [
    ...mail.raw.matchAll(
      /Content-Transfer-Encoding: (base64|quoted-printable)\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?=\r?\n--|$)/gi,
    ),
  ].map(([, encoding, body]) =>
    encoding.toLowerCase() === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : fromBytes(
          body
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9a-f]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
        ),
  );
  return [headers, ...parts].join('\n');
}

describe('proposals (群众提)', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let mailbox: Mailbox;
  let db: DataSource;
  let admin: string;
  let secretariat: Person;
  let official: Person;
  let deputy: Person;
  let alice: Person;
  let bob: Person;
  let departmentId: string;
  let collecting: string;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    api = await TestApp.start({ SMTP_URL: mailbox.url });
    worker = await createWorkerApp(api.config);
    db = api.app.get(DataSource);
    admin = await api.adminToken();
    const department = await api.post('/api/departments', { name: '区水利局' }, { token: admin });
    departmentId = department.body.id as string;
    secretariat = await staff([Role.Secretariat], '人大办秘书');
    official = await staff([Role.Official], '水利局干部');
    deputy = await staff([Role.Deputy], '代表张伟');
    alice = await resident('王小明');
    bob = await resident('李华');
    collecting = await cycleIn('collecting');
  });
  afterAll(async () => {
    await worker.close();
    await api.stop();
    await mailbox.stop();
  });

  /** A resident who registered, with a display name of their own. */
  async function resident(displayName: string): Promise<Person> {
    const email = `r-${randomUUID().slice(0, 8)}@minsheng.test`;
    const answer = await api.post('/api/auth/register', {
      email,
      password: 'password-123',
      displayName,
    });
    expect(answer.status).toBe(201);
    return { id: answer.body.user.id, email, token: answer.body.accessToken, displayName };
  }

  async function staff(roles: Role[], displayName: string): Promise<Person> {
    const email = `s-${randomUUID().slice(0, 8)}@minsheng.test`;
    const created = await api.post(
      '/api/users',
      {
        email,
        password: 'password-123',
        displayName,
        roles,
        ...(roles.includes(Role.Official) ? { departmentId } : {}),
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
    return {
      id: created.body.id,
      email,
      token: await api.signIn(email, 'password-123'),
      displayName,
    };
  }

  async function movePhase(cycleId: string, phase: CyclePhase): Promise<void> {
    if (phase === 'balloting') {
      // Candidates come from another module; the balloting guard only counts their rows.
      await db.query(
        `INSERT INTO candidates (cycle_id, title, category, summary, targets, budget, lead_department_id, created_by)
         SELECT $1, '候选' || i, 'water', '摘要', ARRAY['目标'], 0, $2, $3 FROM generate_series(1, 2) i`,
        [cycleId, departmentId, secretariat.id],
      );
    }
    const answer = await api.post(
      `/api/cycles/${cycleId}/phase`,
      { phase },
      { token: secretariat.token },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  /** A new cycle (one seat), moved forward to the phase. */
  async function cycleIn(phase: CyclePhase, title = '2020年普陀区民生实事'): Promise<string> {
    const cycle = await api.post(
      '/api/cycles',
      { year: 2020, title, region: '普陀区', seats: 1 },
      { token: secretariat.token },
    );
    expect(cycle.status).toBe(201);
    for (const next of CYCLE_PHASES.slice(1, CYCLE_PHASES.indexOf(phase) + 1)) {
      await movePhase(cycle.body.id, next);
    }
    return cycle.body.id as string;
  }

  const submit = (cycleId: string, by: Person, body: Partial<ProposalBody> & object) =>
    api.post(`/api/cycles/${cycleId}/proposals`, body, { token: by.token });

  async function propose(cycleId: string, by: Person, body: Partial<ProposalBody> = {}) {
    const answer = await submit(cycleId, by, {
      title: '新建示范型居家养老服务中心',
      category: 'elderly_care',
      description: '新建示范型居家养老服务中心2家',
      ...body,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { id: string; status: string; similar: { id: string }[] };
  }

  const review = (proposalId: string, body: unknown, by: Person | string = official) =>
    api.post(`/api/proposals/${proposalId}/review`, body, {
      token: typeof by === 'string' ? by : by.token,
    });

  const withdraw = (proposalId: string, by: Person) =>
    api.post(`/api/proposals/${proposalId}/withdraw`, undefined, { token: by.token });

  async function countIn(cycleId: string): Promise<number> {
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM proposals WHERE cycle_id = $1', [
      cycleId,
    ]);
    return n as number;
  }

  async function reviewAudit(proposalId: string) {
    const answer = await api.get(
      `/api/audit?action=proposal.reviewed&entityId=${proposalId}&pageSize=100`,
      { token: admin },
    );
    expect(answer.status).toBe(200);
    return answer.body.items as { actorId: string; details: Record<string, unknown> }[];
  }

  const ids = (items: { id: string }[]) => items.map((item) => item.id);

  describe('submitting', () => {
    it('answers 201 submitted, and the proposal reads back with its author and no supports', async () => {
      const answer = await submit(collecting, alice, {
        title: ' 社区老年食堂 ',
        category: 'elderly_care',
        description: ' 在沈家门街道开设社区老年食堂，解决老人吃饭难 ',
        location: '沈家门街道',
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ id: expect.any(String), status: 'submitted', similar: [] });
      const read = await api.get(`/api/proposals/${answer.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: answer.body.id,
        cycleId: collecting,
        title: '社区老年食堂',
        category: 'elderly_care',
        description: '在沈家门街道开设社区老年食堂，解决老人吃饭难',
        location: '沈家门街道',
        anonymous: false,
        author: { id: alice.id, displayName: '王小明' },
        status: 'submitted',
        rejectReason: null,
        mergedIntoId: null,
        supportCount: 0,
        candidateIds: [],
        reviewedAt: null,
      });
      const cycle = await api.get(`/api/cycles/${collecting}`);
      expect(cycle.body.counts.proposals).toBe(await countIn(collecting));
    });

    it('only while collecting: 409 naming the phase before and after, nothing created', async () => {
      const cycleId = await cycleIn('draft');
      const early = await submit(cycleId, alice, {
        title: '增设公共停车位',
        category: 'transport',
        description: '小区停车难',
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('cycle.wrong_phase');
      expect(early.body.message).toContain('"筹备"');
      expect(early.body.message).toContain('The cycle is draft');
      expect(await countIn(cycleId)).toBe(0);

      await movePhase(cycleId, 'collecting');
      await propose(cycleId, alice);
      await movePhase(cycleId, 'screening');
      const late = await submit(cycleId, alice, {
        title: '增设公共停车位',
        category: 'transport',
        description: '小区停车难',
      });
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('"筛选"');
      expect(late.body.message).toContain('The cycle is screening');
      expect(await countIn(cycleId)).toBe(1);
    });

    it('residents and deputies submit; officials, the secretariat and strangers do not', async () => {
      const body = {
        title: '老旧小区加装电梯',
        category: 'housing',
        description: '老旧小区加装电梯',
      };
      expect((await api.post(`/api/cycles/${collecting}/proposals`, body)).status).toBe(401);
      const before = await countIn(collecting);
      expect((await submit(collecting, official, body)).status).toBe(403);
      expect((await submit(collecting, secretariat, body)).status).toBe(403);
      expect(await countIn(collecting)).toBe(before);
      expect((await submit(collecting, deputy, body)).status).toBe(201);
    });

    it('validates the fields: 400 naming each bad field, nothing created', async () => {
      const good = { title: '改造供水管网', category: 'water', description: '改造供水管网' };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...good, title: '' }, 'title'],
        [{ ...good, title: '   ' }, 'title'],
        [{ ...good, title: 'x'.repeat(101) }, 'title'],
        [{ ...good, title: '水'.repeat(101) }, 'title'],
        [{ ...good, title: 42 }, 'title'],
        [{ category: 'water', description: '改造供水管网' }, 'title'],
        [{ ...good, description: '' }, 'description'],
        [{ ...good, description: 'x'.repeat(5001) }, 'description'],
        [{ title: '改造供水管网', category: 'water' }, 'description'],
        [{ ...good, category: 'roads' }, 'category'],
        [{ ...good, category: 'WATER' }, 'category'],
        [{ title: '改造供水管网', description: '改造供水管网' }, 'category'],
        [{ ...good, location: 'x'.repeat(201) }, 'location'],
        [{ ...good, anonymous: 'yes' }, 'anonymous'],
        [{ ...good, status: 'accepted' }, 'status'],
        [{ ...good, authorId: bob.id }, 'authorId'],
        [{ ...good, supportCount: 100 }, 'supportCount'],
      ];
      const before = await countIn(collecting);
      for (const [body, field] of cases) {
        const answer = await submit(collecting, alice, body);
        expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(Object.keys(answer.body.fields)).toContain(field);
      }
      expect(await countIn(collecting)).toBe(before);
      // The limits themselves are allowed.
      await propose(collecting, alice, {
        title: '水'.repeat(100),
        description: '述'.repeat(5000),
        location: '地'.repeat(200),
      });
      expect(await countIn(collecting)).toBe(before + 1);
    });

    it('404 for an unknown cycle, 400 for an id that is no uuid', async () => {
      const body = { title: '改造供水管网', category: 'water', description: '改造供水管网' };
      expect((await submit(randomUUID(), alice, body)).status).toBe(404);
      expect((await submit('2020', alice, body)).status).toBe(400);
    });
  });

  describe('reading', () => {
    it('404 for unknown ids and 400 for ids that are no uuid, on every proposal path', async () => {
      const unknown = randomUUID();
      expect((await api.get(`/api/proposals/${unknown}`)).status).toBe(404);
      expect((await api.get(`/api/cycles/${unknown}/proposals`)).status).toBe(404);
      expect((await review(unknown, { decision: 'accept' })).status).toBe(404);
      expect((await withdraw(unknown, alice)).status).toBe(404);
      for (const bad of ['abc', '123', `${unknown}x`]) {
        expect((await api.get(`/api/proposals/${bad}`)).status).toBe(400);
        expect((await api.get(`/api/cycles/${bad}/proposals`)).status).toBe(400);
        expect((await review(bad, { decision: 'accept' })).status).toBe(400);
        expect((await withdraw(bad, alice)).status).toBe(400);
      }
    });
  });

  describe('withdrawing', () => {
    it('only the author withdraws, once, and it stays visible as withdrawn', async () => {
      const { id } = await propose(collecting, alice, { title: '增设社区助浴点' });
      expect((await api.post(`/api/proposals/${id}/withdraw`)).status).toBe(401);
      for (const other of [bob, official, secretariat]) {
        const answer = await withdraw(id, other);
        expect(answer.status).toBe(403);
        expect(answer.body.code).toBe('proposal.not_author');
      }
      expect((await api.get(`/api/proposals/${id}`)).body.status).toBe('submitted');
      const answer = await withdraw(id, alice);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id, status: 'withdrawn' });
      const again = await withdraw(id, alice);
      expect(again.status).toBe(409);
      expect((await api.get(`/api/proposals/${id}`)).body.status).toBe('withdrawn');
    });

    it('409 once reviewed', async () => {
      const cycleId = await cycleIn('collecting');
      const { id } = await propose(cycleId, alice);
      await movePhase(cycleId, 'screening');
      expect((await review(id, { decision: 'accept' })).status).toBe(200);
      const answer = await withdraw(id, alice);
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('proposal.already_reviewed');
      expect((await api.get(`/api/proposals/${id}`)).body.status).toBe('accepted');
    });
  });

  describe('reviewing', () => {
    let screening: string;
    let otherScreening: string;

    beforeAll(async () => {
      screening = await cycleIn('collecting');
      otherScreening = await cycleIn('collecting', '2021年普陀区民生实事');
    });

    it('only while screening: 409 while collecting and once balloting', async () => {
      const cycleId = await cycleIn('collecting');
      const { id } = await propose(cycleId, alice);
      const early = await review(id, { decision: 'accept' });
      expect(early.status).toBe(409);
      expect(early.body.message).toContain('The cycle is collecting');
      await movePhase(cycleId, 'screening');
      await movePhase(cycleId, 'balloting');
      const late = await review(id, { decision: 'reject', reason: '太晚了' });
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('The cycle is balloting');
      expect((await api.get(`/api/proposals/${id}`)).body.status).toBe('submitted');
      expect(await reviewAudit(id)).toEqual([]);
    });

    it('refuses bad reviews and reviewers, and the proposal stays submitted', async () => {
      const { id } = await propose(screening, alice, { title: '完善婴幼儿托育服务' });
      const { id: sibling } = await propose(screening, bob, { title: '普惠托育' });
      const { id: rejected } = await propose(screening, bob, { title: '建设网络餐饮阳光厨房' });
      const { id: elsewhere } = await propose(otherScreening, bob, { title: '完善托育服务' });
      await movePhase(screening, 'screening');
      await movePhase(otherScreening, 'screening');
      expect(
        (await review(rejected, { decision: 'reject', reason: '不属于民生实事' })).status,
      ).toBe(200);

      expect((await api.post(`/api/proposals/${id}/review`, { decision: 'accept' })).status).toBe(
        401,
      );
      for (const who of [alice, bob, deputy]) {
        expect((await review(id, { decision: 'accept' }, who)).status).toBe(403);
      }
      const cases: [unknown, number, string?][] = [
        [{ decision: 'reject' }, 400],
        [{ decision: 'reject', reason: '' }, 400],
        [{ decision: 'reject', reason: '   ' }, 400],
        [{ decision: 'reject', reason: 'x'.repeat(1001) }, 400],
        [{ decision: 'merge' }, 400],
        [{ decision: 'merge', mergeIntoId: 'abc' }, 400],
        [{ decision: 'approve' }, 400],
        [{}, 400],
        [{ decision: 'accept', priority: 1 }, 400],
        [{ decision: 'merge', mergeIntoId: elsewhere }, 422, 'proposal.invalid_merge_target'],
        [{ decision: 'merge', mergeIntoId: id }, 422, 'proposal.invalid_merge_target'],
        [{ decision: 'merge', mergeIntoId: randomUUID() }, 422, 'proposal.invalid_merge_target'],
        [{ decision: 'merge', mergeIntoId: rejected }, 422, 'proposal.invalid_merge_target'],
      ];
      for (const [body, status, code] of cases) {
        const answer = await review(id, body, secretariat);
        expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
        if (code) {
          expect(answer.body.code).toBe(code);
        }
      }
      const read = await api.get(`/api/proposals/${id}`);
      expect(read.body).toMatchObject({
        status: 'submitted',
        reviewedAt: null,
        mergedIntoId: null,
      });
      expect(await reviewAudit(id)).toEqual([]);
      // The sibling of the same cycle is a fine target.
      expect((await review(id, { decision: 'merge', mergeIntoId: sibling })).status).toBe(200);
    });

    it('accept, reject and merge: stored, public, audited, and told to the author once', async () => {
      const cycleId = await cycleIn('collecting');
      const [accepted, rejected, merged] = await Promise.all([
        resident('采纳者'),
        resident('未采纳者'),
        resident('合并者'),
      ]);
      // Their welcome mails first, so later mails are the reviews'.
      expect(
        await until(
          () =>
            Promise.resolve(
              [accepted, rejected, merged].every((who) => mailbox.to(who.email).length === 1),
            ),
          (done) => done,
        ),
      ).toBe(true);
      const target = await propose(cycleId, alice, { title: '改造渔农村供水管网' });
      const toAccept = await propose(cycleId, accepted, { title: '新增品质河道8条' });
      const toReject = await propose(cycleId, rejected, { title: '修建海底隧道', anonymous: true });
      const toMerge = await propose(cycleId, merged, { title: '渔农村供水管网改造' });
      expect(
        (await api.post(`/api/proposals/${toAccept.id}/supports`, undefined, { token: bob.token }))
          .status,
      ).toBe(201);
      await movePhase(cycleId, 'screening');

      const acceptAnswer = await review(toAccept.id, { decision: 'accept' }, official);
      expect(acceptAnswer.status).toBe(200);
      expect(acceptAnswer.body).toMatchObject({
        id: toAccept.id,
        status: 'accepted',
        rejectReason: null,
        reviewedAt: expect.any(String),
      });
      const rejectAnswer = await review(
        toReject.id,
        { decision: 'reject', reason: ' 超出区级财力，建议向市级反映 ' },
        secretariat,
      );
      expect(rejectAnswer.status).toBe(200);
      expect(rejectAnswer.body).toMatchObject({
        status: 'rejected',
        rejectReason: '超出区级财力，建议向市级反映',
      });
      const mergeAnswer = await review(toMerge.id, { decision: 'merge', mergeIntoId: target.id });
      expect(mergeAnswer.status).toBe(200);
      expect(mergeAnswer.body).toMatchObject({ status: 'merged', mergedIntoId: target.id });

      // Reviewing twice is refused, by anyone, whatever the decision.
      for (const [id, by] of [
        [toAccept.id, secretariat],
        [toReject.id, official],
        [toMerge.id, official],
      ] as const) {
        const again = await review(id, { decision: 'accept' }, by);
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('proposal.already_reviewed');
      }

      // The outcome is public: the rejection's reason too.
      const publicRejected = await api.get(`/api/proposals/${toReject.id}`);
      expect(publicRejected.body).toMatchObject({
        status: 'rejected',
        rejectReason: '超出区级财力，建议向市级反映',
        author: null,
      });
      expect((await api.get(`/api/proposals/${toMerge.id}`)).body.mergedIntoId).toBe(target.id);
      expect((await api.get(`/api/proposals/${target.id}`)).body.status).toBe('submitted');
      for (const [status, id] of [
        ['accepted', toAccept.id],
        ['rejected', toReject.id],
        ['merged', toMerge.id],
        ['submitted', target.id],
      ]) {
        const list = await api.get(`/api/cycles/${cycleId}/proposals?status=${status}`);
        expect(ids(list.body.items)).toEqual([id]);
      }

      // Each review is audited once, by its reviewer.
      expect(await reviewAudit(toAccept.id)).toEqual([
        expect.objectContaining({
          actorId: official.id,
          details: { decision: 'accept', mergeIntoId: null },
        }),
      ]);
      expect(await reviewAudit(toReject.id)).toEqual([
        expect.objectContaining({
          actorId: secretariat.id,
          details: { decision: 'reject', mergeIntoId: null },
        }),
      ]);
      expect(await reviewAudit(toMerge.id)).toEqual([
        expect.objectContaining({
          actorId: official.id,
          details: { decision: 'merge', mergeIntoId: target.id },
        }),
      ]);

      // Each author hears of their own review, in the inbox and by email.
      const reviewedItems = async (who: Person) => {
        const inbox = await api.get('/api/notifications?pageSize=100', { token: who.token });
        return (inbox.body.items as { kind: string }[]).filter(
          (item) => item.kind === 'proposal.reviewed',
        );
      };
      const expected = [
        {
          who: accepted,
          id: toAccept.id,
          title: { zh: '您的建议已采纳', en: 'Your proposal was accepted' },
          zh: ['已采纳', '《新增品质河道8条》'],
          en: ['"新增品质河道8条" was accepted'],
        },
        {
          who: rejected,
          id: toReject.id,
          title: { zh: '您的建议不予采纳', en: 'Your proposal was rejected' },
          zh: ['不予采纳', '超出区级财力，建议向市级反映'],
          en: ['rejected', 'Reason: 超出区级财力，建议向市级反映'],
        },
        {
          who: merged,
          id: toMerge.id,
          title: { zh: '您的建议已合并', en: 'Your proposal was merged' },
          zh: ['已合并到《改造渔农村供水管网》'],
          en: ['merged into "改造渔农村供水管网"'],
        },
      ];
      for (const { who, id, title, zh, en } of expected) {
        const items: any[] = await until(
          () => reviewedItems(who),
          (found) => found.length > 0,
        );
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ title, link: `/proposals/${id}` });
        for (const text of zh) {
          expect(items[0].body.zh).toContain(text);
        }
        for (const text of en) {
          expect(items[0].body.en).toContain(text);
        }
        await until(
          () => Promise.resolve(mailbox.to(who.email).length),
          (count) => count >= 2,
        );
      }
      // Nothing twice, and nobody else hears of these reviews.
      await sleep(1_000);
      for (const { who, title, zh, en } of expected) {
        expect(await reviewedItems(who)).toHaveLength(1);
        const mails = mailbox.to(who.email);
        expect(mails).toHaveLength(2);
        const text = mailText(mails[1]);
        for (const part of [title.zh, title.en, ...zh, ...en]) {
          expect(text).toContain(part);
        }
      }
      const links = [toAccept.id, toReject.id, toMerge.id].map((id) => `/proposals/${id}`);
      for (const other of [alice, bob, official, secretariat, deputy]) {
        const items = (await reviewedItems(other)) as unknown as { link: string }[];
        expect(items.filter((item) => links.includes(item.link))).toEqual([]);
      }
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE kind = 'proposal.reviewed'
         AND link = ANY($1::text[])`,
        [links],
      );
      expect(n).toBe(3);
    }, 120_000);
  });

  describe('concurrent reviews', () => {
    let cycleId: string;
    const made: string[] = [];

    beforeAll(async () => {
      cycleId = await cycleIn('collecting');
      for (const title of ['建设青浜海水淡化设施', '青浜岛海水淡化', '海水淡化厂扩建']) {
        made.push((await propose(cycleId, alice, { title, category: 'water' })).id);
      }
      await movePhase(cycleId, 'screening');
    });

    it('ten reviewers at once: exactly one decision counts, audited once', async () => {
      const [id] = made;
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          review(
            id,
            i % 2 ? { decision: 'accept' } : { decision: 'reject', reason: '重复' },
            i % 3 ? official : secretariat,
          ),
        ),
      );
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 409)).toHaveLength(9);
      expect(await reviewAudit(id)).toHaveLength(1);
    });

    it('two proposals merged into each other at once: only one merge counts', async () => {
      const [, first, second] = made;
      const answers = await Promise.all([
        review(first, { decision: 'merge', mergeIntoId: second }),
        review(second, { decision: 'merge', mergeIntoId: first }, secretariat),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
      const statuses = await Promise.all(
        [first, second].map(async (id) => (await api.get(`/api/proposals/${id}`)).body.status),
      );
      expect(statuses.sort()).toEqual(['merged', 'submitted']);
    });
  });

  describe('anonymous authors', () => {
    let cycleId: string;
    let secret: Person;
    let anonymousId: string;

    beforeAll(async () => {
      cycleId = await cycleIn('collecting');
      secret = await resident('匿名居民赵六');
      anonymousId = (
        await propose(cycleId, secret, {
          title: '改造渔农村供水管网',
          category: 'water',
          description: '改造渔农村供水管网21公里并建设青浜海水淡化设施',
          anonymous: true,
        })
      ).id;
    });

    /** Nothing in the answer names the author. */
    const expectNoTrace = (body: unknown) => {
      const text = JSON.stringify(body);
      expect(text).not.toContain(secret.id);
      expect(text).not.toContain(secret.displayName);
      expect(text).not.toContain(secret.email);
    };

    it('the public and other residents never see who it is', async () => {
      for (const token of [undefined, bob.token, deputy.token]) {
        const detail = await api.get(`/api/proposals/${anonymousId}`, { token });
        expect(detail.status).toBe(200);
        expect(detail.body).toMatchObject({ anonymous: true, author: null });
        expectNoTrace(detail.body);
        for (const query of ['', '?sort=supports', `?q=${encodeURIComponent('供水')}`]) {
          const list = await api.get(`/api/cycles/${cycleId}/proposals${query}`, { token });
          expect(ids(list.body.items)).toContain(anonymousId);
          expectNoTrace(list.body);
        }
      }
    });

    it('nor in the similar suggestions another resident gets', async () => {
      const twin = await propose(cycleId, bob, {
        title: '渔农村供水管网改造',
        category: 'water',
        description: '渔农村供水管网老旧，需要改造',
      });
      expect(ids(twin.similar)).toContain(anonymousId);
      expectNoTrace(twin);
      for (const suggestion of twin.similar) {
        expect(Object.keys(suggestion).sort()).toEqual(
          ['id', 'similarity', 'status', 'supportCount', 'title'].sort(),
        );
      }
    });

    it('nor can they filter by author', async () => {
      const answer = await api.get(`/api/cycles/${cycleId}/proposals?authorId=${secret.id}`, {
        token: bob.token,
      });
      expect(answer.status).toBe(400);
    });

    it('the author, officials and the secretariat do see them', async () => {
      for (const viewer of [secret, official, secretariat]) {
        const detail = await api.get(`/api/proposals/${anonymousId}`, { token: viewer.token });
        expect(detail.body.author).toEqual({ id: secret.id, displayName: secret.displayName });
        const list = await api.get(`/api/cycles/${cycleId}/proposals`, { token: viewer.token });
        const item = list.body.items.find(
          (proposal: { id: string }) => proposal.id === anonymousId,
        );
        expect(item.author).toEqual({ id: secret.id, displayName: secret.displayName });
      }
      expect(
        (await api.get(`/api/proposals/${anonymousId}`, { token: admin })).body.author.id,
      ).toBe(secret.id);
    });

    it('a proposal that is not anonymous shows its author to everyone', async () => {
      const { id } = await propose(cycleId, alice, {
        title: '增设公共停车位',
        category: 'transport',
      });
      const detail = await api.get(`/api/proposals/${id}`);
      expect(detail.body).toMatchObject({
        anonymous: false,
        author: { id: alice.id, displayName: '王小明' },
      });
    });
  });

  describe('search', () => {
    let cycleId: string;
    const made: Record<string, string> = {};

    beforeAll(async () => {
      cycleId = await cycleIn('collecting');
      const proposals: Record<string, ProposalBody> = {
        both: {
          title: '改造渔农村供水管网',
          category: 'water',
          description: '改造渔农村供水管网21公里并建设青浜海水淡化设施',
        },
        titleOnly: {
          title: '东港街道供水加压泵站',
          category: 'water',
          description: '低层住户水压偏低，需要新建加压泵站',
        },
        descriptionOnly: {
          title: '海岛饮水安全工程',
          category: 'public_safety',
          description: '建设海水淡化设施，保障偏远海岛居民日常供水',
        },
        parking: {
          title: '增设公共停车位',
          category: 'transport',
          description: '小区停车难，建议利用边角地增设停车位',
        },
        river: {
          title: '河道水质治理',
          category: 'environment',
          description: '治理黑臭河道，改善水环境',
        },
        power: { title: '供电线路改造', category: 'housing', description: '老旧小区供电线路改造' },
        wifi: {
          title: 'Free WiFi in 沈家门 parks',
          category: 'culture_sports',
          description: '公园覆盖免费无线网络',
        },
      };
      for (const [key, body] of Object.entries(proposals)) {
        made[key] = (await propose(cycleId, alice, body)).id;
      }
      // The same words in another cycle are not found here.
      const elsewhere = await cycleIn('collecting');
      await propose(elsewhere, bob, proposals.both);
    });

    const search = async (q: string, extra = '') => {
      const answer = await api.get(
        `/api/cycles/${cycleId}/proposals?q=${encodeURIComponent(q)}&pageSize=100${extra}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.total).toBe(answer.body.items.length);
      return ids(answer.body.items).sort();
    };
    const keys = (...names: string[]) => names.map((name) => made[name]).sort();

    it('finds 供水 in titles and descriptions, and nothing else', async () => {
      expect(await search('供水')).toEqual(keys('both', 'titleOnly', 'descriptionOnly'));
    });

    it('a title-only and a description-only match', async () => {
      expect(await search('加压泵站')).toEqual(keys('titleOnly'));
      expect(await search('东港街道')).toEqual(keys('titleOnly'));
      expect(await search('偏远海岛')).toEqual(keys('descriptionOnly'));
      expect(await search('海水淡化')).toEqual(keys('both', 'descriptionOnly'));
      expect(await search('供水管网')).toEqual(keys('both'));
    });

    it('no false hits: single shared characters, absent words, LIKE wildcards', async () => {
      expect(await search('地铁')).toEqual([]);
      expect(await search('供暖')).toEqual([]);
      expect(await search('水供')).toEqual([]);
      expect(await search('%')).toEqual([]);
      expect(await search('_')).toEqual([]);
      expect(await search('\\')).toEqual([]);
      expect(await search('停车')).toEqual(keys('parking'));
    });

    it('ignores case in Latin letters and combines with the filters', async () => {
      expect(await search('wifi')).toEqual(keys('wifi'));
      expect(await search('供水', '&category=water')).toEqual(keys('both', 'titleOnly'));
      expect(await search('供水', '&category=transport')).toEqual([]);
      expect(await search('供水', '&status=withdrawn')).toEqual([]);
    });

    it('refuses an overlong query', async () => {
      const long = await api.get(`/api/cycles/${cycleId}/proposals?q=${'水'.repeat(101)}`);
      expect(long.status).toBe(400);
    });

    it('treats an empty search box as no search', async () => {
      const all = await api.get(`/api/cycles/${cycleId}/proposals?pageSize=100`);
      const empty = await api.get(`/api/cycles/${cycleId}/proposals?pageSize=100&q=%20`);
      expect(empty.status).toBe(200);
      expect(empty.body.total).toBe(all.body.total);
    });
  });

  describe('similar proposals on submit', () => {
    it('suggests a near-twin and not an unrelated proposal, at most 5, never itself', async () => {
      const cycleId = await cycleIn('collecting');
      const first = await propose(cycleId, alice, {
        title: '改造渔农村供水管网',
        category: 'water',
        description: '改造渔农村供水管网21公里并建设青浜海水淡化设施',
      });
      expect(first.similar).toEqual([]);
      const unrelated = await propose(cycleId, alice, {
        title: '增设公共停车位',
        category: 'transport',
        description: '小区停车难，建议利用边角地增设停车位',
      });
      expect(unrelated.similar).toEqual([]);
      const gone = await propose(cycleId, bob, {
        title: '渔农村供水管网改造工程',
        category: 'water',
        description: '渔农村供水管网需要改造',
      });
      expect(ids(gone.similar)).toEqual([first.id]);
      expect((await withdraw(gone.id, bob)).status).toBe(200);

      const twin = await propose(cycleId, bob, {
        title: '渔农村供水管网改造',
        category: 'water',
        description: '渔农村供水管网老旧，经常爆管，需要改造',
      });
      expect(ids(twin.similar)).toContain(first.id);
      expect(ids(twin.similar)).not.toContain(unrelated.id);
      expect(ids(twin.similar)).not.toContain(twin.id);
      // A withdrawn proposal is no longer worth supporting.
      expect(ids(twin.similar)).not.toContain(gone.id);
      expect(twin.similar[0]).toMatchObject({
        id: first.id,
        title: '改造渔农村供水管网',
        status: 'submitted',
        supportCount: 0,
        similarity: expect.any(Number),
      });

      for (const place of ['东极', '庙子湖', '青浜', '黄兴', '白沙', '桃花']) {
        await propose(cycleId, alice, {
          title: `${place}渔农村供水管网改造`,
          category: 'water',
          description: `${place}岛渔农村供水管网老旧，需要改造`,
        });
      }
      const crowded = await propose(cycleId, bob, {
        title: '渔农村供水管网改造提升',
        category: 'water',
        description: '渔农村供水管网改造',
      });
      expect(crowded.similar).toHaveLength(5);
      expect(ids(crowded.similar)).not.toContain(unrelated.id);
      const scores = crowded.similar.map((item: any) => item.similarity as number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((score) => score > 0 && score <= 1)).toBe(true);
    });
  });

  describe('lists', () => {
    let cycleId: string;
    const order: string[] = [];
    const byKey: Record<string, string> = {};

    beforeAll(async () => {
      cycleId = await cycleIn('collecting');
      const items: [string, string][] = [
        ['p1', 'water'],
        ['p2', 'transport'],
        ['p3', 'water'],
        ['p4', 'education'],
        ['p5', 'water'],
        ['p6', 'transport'],
        ['p7', 'education'],
      ];
      for (const [key, category] of items) {
        const { id } = await propose(cycleId, alice, {
          title: `建议${key}`,
          category,
          description: `${key}的说明`,
        });
        byKey[key] = id;
        order.push(id);
      }
      const supporters = await Promise.all([resident('甲'), resident('乙'), resident('丙')]);
      for (const [key, count] of [
        ['p3', 3],
        ['p5', 2],
        ['p1', 1],
      ] as const) {
        for (const supporter of supporters.slice(0, count)) {
          const answer = await api.post(`/api/proposals/${byKey[key]}/supports`, undefined, {
            token: supporter.token,
          });
          expect(answer.status).toBe(201);
        }
      }
      expect((await withdraw(byKey.p6, alice)).status).toBe(200);
    });

    const list = async (query: string) => {
      const answer = await api.get(`/api/cycles/${cycleId}/proposals${query}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body as {
        items: { id: string; supportCount: number }[];
        total: number;
        page: number;
        pageSize: number;
      };
    };

    it('answers the page shape', async () => {
      const page = await list('');
      expect(Object.keys(page).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
      expect(page).toMatchObject({ total: 7, page: 1, pageSize: 20 });
      expect(page.items).toHaveLength(7);
    });

    it('filters by status and category', async () => {
      expect(ids((await list('?status=withdrawn')).items)).toEqual([byKey.p6]);
      expect((await list('?status=submitted')).total).toBe(6);
      expect((await list('?status=accepted')).total).toBe(0);
      expect(ids((await list('?category=water')).items).sort()).toEqual(
        [byKey.p1, byKey.p3, byKey.p5].sort(),
      );
      expect(ids((await list('?category=transport&status=submitted')).items)).toEqual([byKey.p2]);
    });

    it('sorts by supports, most first, and by recent, newest first (the default)', async () => {
      const bySupports = await list('?sort=supports');
      expect(ids(bySupports.items).slice(0, 3)).toEqual([byKey.p3, byKey.p5, byKey.p1]);
      expect(bySupports.items.slice(0, 3).map((item) => item.supportCount)).toEqual([3, 2, 1]);
      expect(bySupports.items.slice(3).every((item) => item.supportCount === 0)).toBe(true);
      const recent = await list('?sort=recent');
      expect(ids(recent.items)).toEqual([...order].reverse());
      expect(ids((await list('')).items)).toEqual([...order].reverse());
    });

    it('pages in a stable order, ties included', async () => {
      for (const sort of ['supports', 'recent']) {
        const whole = ids((await list(`?sort=${sort}&pageSize=100`)).items);
        const paged: string[] = [];
        for (let page = 1; page <= 3; page++) {
          const answer = await list(`?sort=${sort}&page=${page}&pageSize=3`);
          expect(answer).toMatchObject({ total: 7, page, pageSize: 3 });
          paged.push(...ids(answer.items));
        }
        expect(paged).toEqual(whole);
        expect(new Set(paged).size).toBe(7);
        // Asking again gives the same order.
        expect(ids((await list(`?sort=${sort}&pageSize=100`)).items)).toEqual(whole);
        expect(await list(`?sort=${sort}&page=4&pageSize=3`)).toMatchObject({
          items: [],
          total: 7,
          page: 4,
        });
      }
    });

    it('refuses bad queries with 400', async () => {
      for (const query of [
        '?sort=votes',
        '?status=approved',
        '?category=roads',
        '?page=0',
        '?pageSize=0',
        '?pageSize=101',
        '?page=x',
        '?unknown=1',
      ]) {
        const answer = await api.get(`/api/cycles/${cycleId}/proposals${query}`);
        expect(answer.status, query).toBe(400);
      }
    });
  });
});
