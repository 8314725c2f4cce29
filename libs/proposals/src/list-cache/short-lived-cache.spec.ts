import { ProposalListChanges } from './proposal-list-changes.js';
import { ShortLivedCache } from './short-lived-cache.js';

describe('values of proposal lists kept in the process', () => {
  let changes: ProposalListChanges;
  /** A cache of numbers kept for 2 seconds, as the list totals are. */
  const cache = () =>
    new ShortLivedCache<number>(changes, { ttlMs: 2_000, watching: 'membership' });

  beforeEach(() => {
    changes = new ProposalListChanges();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** A computation that answers `value` and says how often it ran. */
  function counter(value = 7) {
    const count = vi.fn(() => Promise.resolve(value));
    return count;
  }

  it('computes once per key for its time to live, then again', async () => {
    vi.useFakeTimers();
    const values = cache();
    const count = counter();
    expect(await values.get('c1', 'k', count)).toBe(7);
    vi.advanceTimersByTime(1_999);
    expect(await values.get('c1', 'k', count)).toBe(7);
    expect(count).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await values.get('c1', 'k', count);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('shares a computation still running, and keeps keys apart', async () => {
    const values = cache();
    const count = counter();
    await Promise.all([values.get('c1', 'a', count), values.get('c1', 'a', count)]);
    expect(count).toHaveBeenCalledTimes(1);
    await values.get('c1', 'b', count);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it("forgets a cycle's values once this process changed it, and only that cycle's", async () => {
    const values = cache();
    const count = counter();
    await values.get('c1', 'c1-key', count);
    await values.get('c2', 'c2-key', count);
    changes.changed('c1', 'membership');
    await values.get('c1', 'c1-key', count);
    await values.get('c2', 'c2-key', count);
    expect(count).toHaveBeenCalledTimes(3);
  });

  it('does not keep a value computed while the cycle changed', async () => {
    const values = cache();
    let finish: (value: number) => void = () => {};
    const slow = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const running = values.get('c1', 'k', slow);
    changes.changed('c1', 'membership');
    finish(1);
    expect(await running).toBe(1);
    expect(await values.get('c1', 'k', counter(2))).toBe(2);
  });

  it('does not keep a failed computation', async () => {
    const values = cache();
    await expect(values.get('c1', 'k', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await values.get('c1', 'k', counter(3))).toBe(3);
  });

  it('keeps at most 1,000 values by default, dropping the oldest', async () => {
    const values = cache();
    const count = counter();
    for (let i = 0; i <= 1_000; i++) {
      await values.get('c1', `k${i}`, count);
    }
    await values.get('c1', 'k1000', count);
    expect(count).toHaveBeenCalledTimes(1_001);
    await values.get('c1', 'k0', count);
    expect(count).toHaveBeenCalledTimes(1_002);
  });

  it('keeps a total through a change of contents, but not a page', async () => {
    const totals = cache();
    const pages = new ShortLivedCache<number>(changes, { ttlMs: 1_000, watching: 'contents' });
    const count = counter();
    const read = counter();
    await totals.get('c1', 'k', count);
    await pages.get('c1', 'k', read);
    changes.changed('c1', 'contents');
    await totals.get('c1', 'k', count);
    await pages.get('c1', 'k', read);
    expect(count).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledTimes(2);
    changes.changed('c1', 'membership');
    await totals.get('c1', 'k', count);
    await pages.get('c1', 'k', read);
    expect(count).toHaveBeenCalledTimes(2);
    expect(read).toHaveBeenCalledTimes(3);
  });
});
