import { Injectable } from '@nestjs/common';

/** How long a counted total is reused. */
const TTL_MS = 2_000;
/** The most totals kept at once; the oldest go first. */
const MAX_ENTRIES = 1_000;

interface Entry {
  generation: number;
  expiresAt: number;
  total: Promise<number>;
}

/**
 * The totals of proposal lists, kept in this process for 2 seconds: a busy list would otherwise
 * count a cycle's 100,000 proposals on every request, for a figure that hardly moves. A count
 * still running is shared by every request that asks for the same total meanwhile.
 *
 * Whatever this process changes in a cycle (a submit, a withdrawal, a review) forgets that
 * cycle's totals at once, counts already running included, so one process answers exact totals
 * after its own writes; other processes' writes show within 2 seconds.
 */
@Injectable()
export class ProposalTotals {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by `forget`: a total counted under an older generation of its cycle is stale. */
  private readonly generations = new Map<string, number>();

  /** The total for the key (which must name the cycle's filters), counted by `count` if need be. */
  get(cycleId: string, key: string, count: () => Promise<number>): Promise<number> {
    const now = Date.now();
    const generation = this.generations.get(cycleId) ?? 0;
    const cached = this.entries.get(key);
    if (cached && cached.generation === generation && cached.expiresAt > now) {
      return cached.total;
    }
    this.entries.delete(key);
    const entry: Entry = { generation, expiresAt: now + TTL_MS, total: count() };
    // A failed count is not kept; the caller that awaits it gets the error.
    entry.total.catch(() => {
      if (this.entries.get(key) === entry) {
        this.entries.delete(key);
      }
    });
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry.total;
  }

  /** Forgets every total of the cycle, after this process changed its proposals. */
  forget(cycleId: string): void {
    this.generations.set(cycleId, (this.generations.get(cycleId) ?? 0) + 1);
  }
}
