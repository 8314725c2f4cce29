import { Injectable } from '@nestjs/common';

/**
 * What a write changed in a cycle's proposal lists: which proposals a filter finds (a submit, a
 * withdrawal, a review, a carry-over), or only what the found ones show (a support moves a
 * count, a candidate drawn from proposals).
 */
export type ListChange = 'membership' | 'contents';

/**
 * What this process changed in each cycle's proposal lists, as versions per cycle, so that the
 * pages and totals it keeps for a moment are never older than its own writes: pages go stale on
 * any change, totals only when membership changes.
 */
@Injectable()
export class ProposalListChanges {
  private readonly versions = new Map<string, Record<ListChange, number>>();

  version(cycleId: string, watching: ListChange): number {
    return this.versions.get(cycleId)?.[watching] ?? 0;
  }

  /** A write to the cycle's proposals, or to what their lists show, has committed. */
  changed(cycleId: string, change: ListChange): void {
    const versions = this.versions.get(cycleId) ?? { membership: 0, contents: 0 };
    // A new member is new contents too.
    versions.contents++;
    if (change === 'membership') {
      versions.membership++;
    }
    this.versions.set(cycleId, versions);
  }
}
