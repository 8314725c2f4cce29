import { ProposalTotals } from './proposal-totals.js';

describe('list totals kept in the process', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A count that answers `value` and says how often it ran. */
  function counter(value = 7) {
    const count = vi.fn(() => Promise.resolve(value));
    return count;
  }

  it('counts once per key for 2 seconds, then again', async () => {
    vi.useFakeTimers();
    const totals = new ProposalTotals();
    const count = counter();
    expect(await totals.get('c1', 'k', count)).toBe(7);
    vi.advanceTimersByTime(1_999);
    expect(await totals.get('c1', 'k', count)).toBe(7);
    expect(count).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await totals.get('c1', 'k', count);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it('shares a count still running, and keeps keys apart', async () => {
    const totals = new ProposalTotals();
    const count = counter();
    await Promise.all([totals.get('c1', 'a', count), totals.get('c1', 'a', count)]);
    expect(count).toHaveBeenCalledTimes(1);
    await totals.get('c1', 'b', count);
    expect(count).toHaveBeenCalledTimes(2);
  });

  it("forgets a cycle's totals, and only that cycle's", async () => {
    const totals = new ProposalTotals();
    const count = counter();
    await totals.get('c1', 'c1-key', count);
    await totals.get('c2', 'c2-key', count);
    totals.forget('c1');
    await totals.get('c1', 'c1-key', count);
    await totals.get('c2', 'c2-key', count);
    expect(count).toHaveBeenCalledTimes(3);
  });

  it('does not keep a count that was running when the cycle was forgotten', async () => {
    const totals = new ProposalTotals();
    let finish: (value: number) => void = () => {};
    const slow = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const running = totals.get('c1', 'k', slow);
    totals.forget('c1');
    finish(1);
    expect(await running).toBe(1);
    expect(await totals.get('c1', 'k', counter(2))).toBe(2);
  });

  it('does not keep a failed count', async () => {
    const totals = new ProposalTotals();
    await expect(totals.get('c1', 'k', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await totals.get('c1', 'k', counter(3))).toBe(3);
  });

  it('keeps at most 1,000 totals, dropping the oldest', async () => {
    const totals = new ProposalTotals();
    const count = counter();
    for (let i = 0; i <= 1_000; i++) {
      await totals.get('c1', `k${i}`, count);
    }
    await totals.get('c1', 'k1000', count);
    expect(count).toHaveBeenCalledTimes(1_001);
    await totals.get('c1', 'k0', count);
    expect(count).toHaveBeenCalledTimes(1_002);
  });
});
