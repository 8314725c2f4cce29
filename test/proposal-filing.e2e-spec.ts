import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { ProposalFiler, type Filing } from '../libs/proposals/src/filing/proposal-filer.js';
import { TestApp } from './support/test-app.js';

type Person = { id: string; token: string };

describe('filing proposals submitted together', () => {
  let api: TestApp;
  let db: DataSource;
  let secretariat: Person;
  let residents: Person[];

  beforeAll(async () => {
    api = await TestApp.start();
    db = api.app.get(DataSource);
    secretariat = await api.userWith([Role.Secretariat]);
    residents = [];
    for (let i = 0; i < 4; i++) {
      residents.push(await api.userWith([Role.Resident]));
    }
  });
  afterAll(async () => {
    await api.stop();
  });

  const cycleIn = (phase: 'draft' | 'collecting') => api.cycle(secretariat.token, { phase });

  const body = (n: number) => ({
    title: `新建第${n}号公交候车亭`,
    category: 'transport',
    description: `第${n}个站点没有候车亭，雨天老人只能站着等车。`,
    location: n % 2 === 0 ? `东港街道${n}号` : undefined,
    anonymous: n % 3 === 0,
  });

  it('thirty at once, to two cycles: each filed once, as its sender sent it', async () => {
    const cycles = [await cycleIn('collecting'), await cycleIn('collecting')];
    const sent = Array.from({ length: 30 }, (_, n) => ({
      n,
      cycleId: cycles[n % 2],
      by: residents[n % residents.length],
    }));
    const answers = await Promise.all(
      sent.map(({ n, cycleId, by }) =>
        api.post(`/api/cycles/${cycleId}/proposals`, body(n), { token: by.token }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(sent.map(() => 201));
    const ids = answers.map((answer) => answer.body.id as string);
    expect(new Set(ids).size).toBe(30);
    const rows = await db.query<
      {
        id: string;
        cycle_id: string;
        author_id: string;
        title: string;
        description: string;
        location: string | null;
        anonymous: boolean;
        status: string;
      }[]
    >(
      `SELECT id, cycle_id, author_id, title, description, location, anonymous, status
       FROM proposals WHERE cycle_id = ANY($1::uuid[])`,
      [cycles],
    );
    expect(rows).toHaveLength(30);
    const byId = new Map(rows.map((row) => [row.id, row]));
    sent.forEach(({ n, cycleId, by }, i) => {
      const { title, description, location, anonymous } = body(n);
      expect(byId.get(ids[i])).toEqual({
        id: ids[i],
        cycle_id: cycleId,
        author_id: by.id,
        title,
        description,
        location: location ?? null,
        anonymous,
        status: 'submitted',
      });
    });
  });

  it('a cycle not collecting refuses every one of them with 409, and nothing is filed', async () => {
    const draft = await cycleIn('draft');
    const answers = await Promise.all(
      residents.map((by, n) =>
        api.post(`/api/cycles/${draft}/proposals`, body(n), { token: by.token }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(residents.map(() => 409));
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM proposals WHERE cycle_id = $1', [
      draft,
    ]);
    expect(n).toBe(0);
  });

  describe('ProposalFiler', () => {
    let filer: ProposalFiler;
    let cycleId: string;

    beforeAll(async () => {
      filer = api.app.get(ProposalFiler);
      cycleId = await cycleIn('collecting');
    });

    const filing = (authorId: string, n: number): Filing => ({
      cycleId,
      authorId,
      title: `改造第${n}号路灯`,
      category: 'public_safety',
      description: '路灯坏了很久。',
      location: null,
      anonymous: false,
      similarIds: [],
    });

    it('files the filings of one turn in one transaction', async () => {
      const rows = await Promise.all(
        residents.map((resident, n) => filer.file(filing(resident.id, n))),
      );
      const ids = rows.map((row) => row?.id);
      expect(ids.every((id) => typeof id === 'string')).toBe(true);
      const [{ transactions }] = await db.query(
        'SELECT count(DISTINCT xmin::text)::int AS transactions FROM proposals WHERE id = ANY($1::uuid[])',
        [ids],
      );
      expect(transactions).toBe(1);
    });

    it('refuses a filing that fails alone: the others of its turn are filed', async () => {
      const good = residents.map((resident, n) => filer.file(filing(resident.id, 10 + n)));
      // No such user: the foreign key refuses the row, and with it the statement.
      const bad = filer.file(filing(randomUUID(), 99));
      const settled = await Promise.allSettled([...good, bad]);
      expect(settled.slice(0, -1).map((result) => result.status)).toEqual(
        residents.map(() => 'fulfilled'),
      );
      expect(settled.at(-1)).toMatchObject({
        status: 'rejected',
        reason: expect.objectContaining({ message: expect.stringMatching(/foreign key/) }),
      });
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM proposals WHERE cycle_id = $1 AND title = ANY($2::text[])`,
        [cycleId, residents.map((_, i) => `改造第${10 + i}号路灯`).concat('改造第99号路灯')],
      );
      expect(n).toBe(residents.length);
    });

    it('answers null for every filing while the cycle is not collecting', async () => {
      const draft = await cycleIn('draft');
      const rows = await Promise.all(
        residents.map((resident, n) =>
          filer.file({ ...filing(resident.id, 20 + n), cycleId: draft }),
        ),
      );
      expect(rows).toEqual(residents.map(() => null));
    });
  });
});
