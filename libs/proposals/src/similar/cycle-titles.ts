import { setImmediate as nextTurn } from 'node:timers/promises';
import { TitleIndex } from './title-index.js';

/** How stale the titles may get about proposals filed through other processes. */
const REFRESH_MS = 1_000;
/**
 * Rows are read back this far before the newest creation time seen: `created_at` is the
 * inserting transaction's start, so a row can commit a little after later-stamped ones.
 */
const OVERLAP_MS = 2_000;
const IDLE_MS = 10 * 60_000;
/**
 * Titles indexed between two turns of the event loop: a cycle's first read (100,000 titles)
 * would otherwise hold every other search for a second or more.
 */
const TITLES_PER_TURN = 2_000;

export interface TitleRow {
  id: string;
  title: string;
  created_at: Date;
}

/** The proposals of a cycle created after `since`: its titles, as the database holds them. */
export type ReadTitles = (cycleId: string, since: Date) => Promise<TitleRow[]>;

interface Held {
  index: TitleIndex;
  newestSeen: Date;
  refreshedAt: number;
  usedAt: number;
  /** The first read, until it has finished. */
  loading: Promise<void> | null;
  refreshing: boolean;
}

/**
 * The titles index of each cycle being searched: read whole on first use, then refreshed with
 * the newest rows at most once a second while in use, and let go after ten idle minutes.
 */
export class CycleTitles {
  private readonly cycles = new Map<string, Held>();

  constructor(private readonly read: ReadTitles) {}

  /** The cycle's index if its first read has finished (a refresh starts if one is due). */
  ready(cycleId: string): TitleIndex | null {
    const held = this.cycles.get(cycleId);
    if (!held || held.loading) {
      return null;
    }
    this.use(cycleId, held);
    return held.index;
  }

  /** The cycle's index, read first if need be; a failed first read rejects, and is forgotten. */
  async load(cycleId: string): Promise<TitleIndex> {
    let held = this.cycles.get(cycleId);
    if (!held) {
      const created: Held = {
        index: new TitleIndex(),
        newestSeen: new Date(0),
        refreshedAt: 0,
        usedAt: Date.now(),
        loading: null,
        refreshing: false,
      };
      created.loading = this.readNew(cycleId, created).then(
        () => {
          created.loading = null;
        },
        (error: unknown) => {
          this.cycles.delete(cycleId);
          throw error;
        },
      );
      this.cycles.set(cycleId, created);
      held = created;
    }
    await held.loading;
    this.use(cycleId, held);
    return held.index;
  }

  /** A proposal this process just filed: findable at once, without waiting for a refresh. */
  remember(cycleId: string, id: string, title: string): void {
    this.cycles.get(cycleId)?.index.add(id, title);
  }

  private use(cycleId: string, held: Held): void {
    const now = Date.now();
    held.usedAt = now;
    for (const [id, other] of this.cycles) {
      if (now - other.usedAt > IDLE_MS) {
        this.cycles.delete(id);
      }
    }
    if (!held.refreshing && now - held.refreshedAt >= REFRESH_MS) {
      held.refreshing = true;
      // A failed refresh is tried again on a later search; the index answers meanwhile.
      void this.readNew(cycleId, held)
        .catch(() => undefined)
        .finally(() => {
          held.refreshing = false;
        });
    }
  }

  private async readNew(cycleId: string, held: Held): Promise<void> {
    const startedAt = Date.now();
    const rows = await this.read(cycleId, new Date(held.newestSeen.getTime() - OVERLAP_MS));
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % TITLES_PER_TURN === 0) {
        await nextTurn();
      }
      held.index.add(row.id, row.title);
      if (row.created_at > held.newestSeen) {
        held.newestSeen = row.created_at;
      }
    }
    held.refreshedAt = startedAt;
  }
}
