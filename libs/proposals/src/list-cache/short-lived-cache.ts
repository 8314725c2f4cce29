import type { ListChange, ProposalListChanges } from './proposal-list-changes.js';

interface Entry<T> {
  version: number;
  expiresAt: number;
  value: Promise<T>;
}

export interface ShortLivedCacheOptions {
  /** How long a value is reused. */
  ttlMs: number;
  /** The most values kept at once; the oldest go first. */
  maxEntries?: number;
  /** The changes that make a value stale: a total only depends on membership. */
  watching: ListChange;
}

/**
 * Values about a cycle's proposal lists (a page, a total), kept in this process for a moment: a
 * busy list would otherwise read and count a cycle's 100,000 proposals on every request, for an
 * answer that hardly moves. A computation still running is shared by every request that asks
 * for the same key meanwhile.
 *
 * A change this process makes to a cycle, of the kind the cache watches (see
 * ProposalListChanges), makes that cycle's values stale at once, computations already running
 * included: one process answers with its own writes at once; other processes' writes show
 * within `ttlMs`.
 */
export class ShortLivedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly watching: ListChange;

  constructor(
    private readonly changes: ProposalListChanges,
    options: ShortLivedCacheOptions,
  ) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.watching = options.watching;
  }

  /** The value for the key (which must name everything it depends on), computed if need be. */
  get(cycleId: string, key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const version = this.changes.version(cycleId, this.watching);
    const cached = this.entries.get(key);
    if (cached && cached.version === version && cached.expiresAt > now) {
      return cached.value;
    }
    this.entries.delete(key);
    const entry: Entry<T> = { version, expiresAt: now + this.ttlMs, value: compute() };
    // A failed computation is not kept; the caller that awaits it gets the error.
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) {
        this.entries.delete(key);
      }
    });
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry.value;
  }
}
