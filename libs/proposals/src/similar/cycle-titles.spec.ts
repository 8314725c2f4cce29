import { setImmediate as nextTurn } from 'node:timers/promises';
import { CycleTitles, type TitleRow } from './cycle-titles.js';

const CYCLE = 'cycle-a';
const OTHER = 'cycle-b';
const T0 = Date.parse('2026-03-01T08:00:00Z');

/** A stand-in for the database: the rows it holds, and every read asked of it. */
function database(rows: TitleRow[] = []) {
  const reads: { cycleId: string; since: Date }[] = [];
  let failNext = false;
  return {
    rows,
    reads,
    failNextRead: () => (failNext = true),
    read: (cycleId: string, since: Date): Promise<TitleRow[]> => {
      reads.push({ cycleId, since });
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('connection refused'));
      }
      return Promise.resolve(rows.filter((row) => row.created_at > since));
    },
  };
}

const row = (n: number, title: string, at = T0 - 60_000): TitleRow => ({
  id: `p${n}`,
  title,
  created_at: new Date(at),
});
const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);
const search = { limit: 5, keep: 20, threshold: 0.15 };

describe('CycleTitles: each cycle’s titles, read once and kept fresh', () => {
  beforeEach(() => {
    // Only the clock: reads and turns of the event loop stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads a cycle whole on first use and answers from memory after', async () => {
    const db = database([row(1, '改造渔农村供水管网'), row(2, '新建公共厕所')]);
    const titles = new CycleTitles(db.read);
    expect(titles.ready(CYCLE)).toBeNull();

    const index = await titles.load(CYCLE);
    expect(ids(index.nearest('改造供水管网', search))).toEqual(['p1']);
    expect(titles.ready(CYCLE)).toBe(index);
    expect(await titles.load(CYCLE)).toBe(index);
    expect(db.reads).toEqual([{ cycleId: CYCLE, since: new Date(-2_000) }]);
  });

  it('reads what is new at most once a second, back 2 s from the newest seen', async () => {
    const db = database([row(1, '改造渔农村供水管网', T0 - 5_000)]);
    const titles = new CycleTitles(db.read);
    await titles.load(CYCLE);
    db.rows.push(row(2, '改造渔农村供水管网工程', T0 + 500));

    vi.setSystemTime(T0 + 999);
    titles.ready(CYCLE);
    expect(db.reads).toHaveLength(1);

    vi.setSystemTime(T0 + 1_000);
    const index = titles.ready(CYCLE)!;
    expect(db.reads).toHaveLength(2);
    expect(db.reads[1].since).toEqual(new Date(T0 - 5_000 - 2_000));
    await nextTurn();
    expect(ids(index.nearest('改造渔农村供水管网', search)).sort()).toEqual(['p1', 'p2']);
  });

  it('forgets a failed first read, so the next use reads again', async () => {
    const db = database([row(1, '新建公共厕所')]);
    const titles = new CycleTitles(db.read);
    db.failNextRead();
    await expect(titles.load(CYCLE)).rejects.toThrow('connection refused');
    expect(titles.ready(CYCLE)).toBeNull();

    const index = await titles.load(CYCLE);
    expect(ids(index.nearest('新建公共厕所', search))).toEqual(['p1']);
    expect(db.reads).toHaveLength(2);
  });

  it('adds a proposal filed here at once, to a cycle it holds only', async () => {
    const db = database([row(1, '新建公共厕所')]);
    const titles = new CycleTitles(db.read);
    const index = await titles.load(CYCLE);
    titles.remember(CYCLE, 'p9', '改造渔农村供水管网');
    titles.remember(OTHER, 'p8', '改造渔农村供水管网');
    expect(ids(index.nearest('改造供水管网', search))).toEqual(['p9']);
    expect(titles.ready(OTHER)).toBeNull();
  });

  it('lets go of a cycle unused for ten minutes', async () => {
    const titles = new CycleTitles(database([row(1, '新建公共厕所')]).read);
    await titles.load(CYCLE);
    vi.setSystemTime(T0 + 10 * 60_000 + 1);
    await titles.load(OTHER);
    expect(titles.ready(CYCLE)).toBeNull();
    expect(titles.ready(OTHER)).not.toBeNull();
  });

  it('yields to other work while it adds a large first read', async () => {
    const rows = Array.from({ length: 5_000 }, (_, n) => row(n, `第${n}号建议`));
    const titles = new CycleTitles(database(rows).read);
    let done = false;
    let turns = 0;
    const otherWork = () => {
      turns += 1;
      if (!done) {
        setImmediate(otherWork);
      }
    };
    setImmediate(otherWork);
    const index = await titles.load(CYCLE);
    done = true;
    expect(index.size).toBe(5_000);
    // 2,000 titles a turn: two turns for other work before the last 1,000 are added.
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
