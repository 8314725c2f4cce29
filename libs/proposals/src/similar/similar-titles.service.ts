import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TitleIndex, type ScoredTitle } from './title-index.js';

export interface SimilarProposal {
  id: string;
  title: string;
  status: string;
  supportCount: number;
  similarity: number;
}

const MAX_SIMILAR = 5;
/** Considered before statuses are checked, so a withdrawn look-alike leaves room for others. */
const CONSIDERED = 20;
/** Trigram similarity from which a proposal counts as alike (tuned on Chinese titles). */
const THRESHOLD = 0.15;
/** How stale a process's index may get about proposals filed through other processes. */
const REFRESH_MS = 1_000;
/**
 * Rows are read back this far before the newest creation time seen: `created_at` is the
 * inserting transaction's start, so a row can commit a little after later-stamped ones.
 */
const OVERLAP_MS = 2_000;
const IDLE_MS = 10 * 60_000;
/**
 * Titles indexed between two turns of the event loop: a cycle's first read (100,000 titles)
 * would otherwise hold every other request of the process for a second or more.
 */
const TITLES_PER_TURN = 2_000;

/** What a look-alike shows besides its score: read fresh, unlike the titles. */
export interface SimilarRow {
  id: string;
  title: string;
  status: string;
  supportCount: number;
}

/**
 * An SQL expression: the rows worth showing among the nearest, whose ids are the uuid[] `param`,
 * as a JSON array of SimilarRow.
 */
export function similarRowsJson(param: string): string {
  return `(SELECT coalesce(json_agg(json_build_object(
      'id', s.id, 'title', s.title, 'status', s.status, 'supportCount', s.support_count)), '[]')
    FROM proposals s
    WHERE s.id = ANY(${param}::uuid[]) AND s.status IN ('submitted', 'accepted'))`;
}

/** The best few look-alikes: by score, then support, then id. */
export function ranked(hits: ScoredTitle[], rows: SimilarRow[]): SimilarProposal[] {
  const scores = new Map(hits.map((hit) => [hit.id, hit.score]));
  return rows
    .map((row) => ({ row, score: scores.get(row.id) ?? 0 }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.row.supportCount - a.row.supportCount ||
        (a.row.id < b.row.id ? -1 : 1),
    )
    .slice(0, MAX_SIMILAR)
    .map(({ row, score }) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      supportCount: row.supportCount,
      similarity: Math.round(score * 100) / 100,
    }));
}

interface CycleTitles {
  index: TitleIndex;
  newestSeen: Date;
  refreshedAt: number;
  usedAt: number;
  pending: Promise<void> | null;
}

/**
 * Up to 5 proposals of a cycle whose titles look like a new one, so a resident can support one
 * instead of filing a twin. Scores are pg_trgm's similarity of titles.
 *
 * A PostgreSQL trigram lookup (GiST `<->`) costs about 15 ms of database CPU at 100,000
 * proposals, on every submit. Each API process instead keeps the titles of the cycles being
 * collected in memory (about 10 MB per 100,000), reads new ones from the database at most once a
 * second, and asks the database only for the status and support count of the best few. A title
 * filed through another process in the last second may be missed: a suggestion, not a rule.
 */
@Injectable()
export class SimilarTitles {
  private readonly cycles = new Map<string, CycleTitles>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(cycleId: string, title: string, excludeId: string | null): Promise<SimilarProposal[]> {
    const hits = await this.nearest(cycleId, title, excludeId);
    if (hits.length === 0) {
      return [];
    }
    const [{ rows }] = await this.dataSource.query<{ rows: SimilarRow[] }[]>(
      `SELECT ${similarRowsJson('$1')} AS rows`,
      [hits.map((hit) => hit.id)],
    );
    return ranked(hits, rows);
  }

  /**
   * The proposals whose titles look most like `title`, by the index alone: read their rows
   * with `similarRowsJson` (in a statement of the caller's, if it likes) and rank them.
   */
  async nearest(cycleId: string, title: string, excludeId: string | null): Promise<ScoredTitle[]> {
    const titles = await this.titlesOf(cycleId);
    return titles.index.nearest(title, {
      limit: MAX_SIMILAR,
      keep: CONSIDERED,
      threshold: THRESHOLD,
      excludeId,
    });
  }

  /** As `nearest`, but null unless this process already holds the cycle's titles. */
  async nearestIfIndexed(cycleId: string, title: string): Promise<ScoredTitle[] | null> {
    return this.cycles.has(cycleId) ? this.nearest(cycleId, title, null) : null;
  }

  /** A proposal this process just filed: findable at once, without waiting for a refresh. */
  remember(cycleId: string, id: string, title: string): void {
    this.cycles.get(cycleId)?.index.add(id, title);
  }

  private async titlesOf(cycleId: string): Promise<CycleTitles> {
    const now = Date.now();
    for (const [id, titles] of this.cycles) {
      if (now - titles.usedAt > IDLE_MS) {
        this.cycles.delete(id);
      }
    }
    let titles = this.cycles.get(cycleId);
    if (!titles) {
      titles = {
        index: new TitleIndex(),
        newestSeen: new Date(0),
        refreshedAt: 0,
        usedAt: now,
        pending: null,
      };
      this.cycles.set(cycleId, titles);
    }
    titles.usedAt = now;
    if (!titles.pending && now - titles.refreshedAt >= REFRESH_MS) {
      const reading = this.readNew(cycleId, titles);
      const current = titles;
      titles.pending = reading
        .catch(() => undefined)
        .finally(() => {
          current.pending = null;
        });
      if (titles.refreshedAt === 0) {
        // The first read of a cycle must finish (its errors reach the caller); later ones run
        // while the index answers.
        await reading;
      }
    } else if (titles.pending && titles.refreshedAt === 0) {
      await titles.pending;
    }
    return titles;
  }

  private async readNew(cycleId: string, titles: CycleTitles): Promise<void> {
    const startedAt = Date.now();
    const since = new Date(titles.newestSeen.getTime() - OVERLAP_MS);
    const rows = await this.dataSource.query<{ id: string; title: string; created_at: Date }[]>(
      `SELECT id, title, created_at FROM proposals WHERE cycle_id = $1 AND created_at > $2`,
      [cycleId, since],
    );
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % TITLES_PER_TURN === 0) {
        await nextTurn();
      }
      titles.index.add(row.id, row.title);
      if (row.created_at > titles.newestSeen) {
        titles.newestSeen = row.created_at;
      }
    }
    titles.refreshedAt = startedAt;
  }
}
