import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OnDemandThread, threadEntry } from '@app/common';
import { AppConfig } from '@app/config';
import { MAX_SIMILAR } from './look-alike.js';
import type { ScoredTitle } from './title-index.js';
import type {
  FiledTitle,
  SearchAnswer,
  TitleSearch,
  TitlesAnswer,
  TitlesRequest,
  TitlesThreadData,
} from './titles-thread.js';

export interface SimilarProposal {
  id: string;
  title: string;
  status: string;
  supportCount: number;
  similarity: number;
}

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

interface Waiting {
  resolve: (hits: ScoredTitle[] | null) => void;
  reject: (error: Error) => void;
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
 *
 * The titles live on a thread of their own (titles-thread.ts), which reads them from the
 * database itself: searching them, reading them and collecting their garbage cost the event
 * loop, where every other request waits, about half of a submit's time (measured with
 * `npm run bench -- proposals`). The searches and filed titles of one turn of the event loop go
 * over in one message. The thread starts on first use; should it fail or exit, the searches
 * waiting for it are refused and the next search starts a new one, which reads the titles anew.
 */
@Injectable()
export class SimilarTitles implements OnModuleDestroy {
  private readonly thread = new OnDemandThread<TitlesRequest, TitlesAnswer>({
    name: 'the titles thread',
    entry: () => {
      const [entry, options] = threadEntry(import.meta.url, 'titles-thread');
      const workerData: TitlesThreadData = { databaseUrl: this.config.database.url };
      return [entry, { ...options, workerData }];
    },
    onAnswer: (answer) => this.settle(answer.answers),
    onLost: (error) => this.failAll(error),
    busy: () => this.waiting.size > 0,
  });
  private readonly waiting = new Map<number, Waiting>();
  private outgoing: { filed: FiledTitle[]; searches: TitleSearch[] } = { filed: [], searches: [] };
  private nextId = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

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
    return (await this.search(cycleId, title, excludeId, false)) ?? [];
  }

  /** As `nearest`, but null unless the cycle's titles are already held. */
  nearestIfIndexed(cycleId: string, title: string): Promise<ScoredTitle[] | null> {
    return this.search(cycleId, title, null, true);
  }

  /** A proposal this process just filed: findable at once, without waiting for a refresh. */
  remember(cycleId: string, id: string, title: string): void {
    this.outgoing.filed.push({ cycleId, id, title });
    this.sendSoon();
  }

  async onModuleDestroy(): Promise<void> {
    this.outgoing = { filed: [], searches: [] };
    this.failAll(new Error('the titles thread was stopped'));
    // Its connections are closed before it stops.
    await this.thread.stop({ close: true });
  }

  private search(
    cycleId: string,
    title: string,
    excludeId: string | null,
    onlyIfHeld: boolean,
  ): Promise<ScoredTitle[] | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.outgoing.searches.push({ id, cycleId, title, excludeId, onlyIfHeld });
      this.sendSoon();
    });
  }

  private sendSoon(): void {
    if (this.outgoing.filed.length + this.outgoing.searches.length === 1) {
      setImmediate(() => this.send());
    }
  }

  private send(): void {
    const request = this.outgoing;
    this.outgoing = { filed: [], searches: [] };
    if (request.filed.length + request.searches.length === 0) {
      return;
    }
    if (request.searches.length === 0 && !this.thread.running) {
      // Nothing is held without a thread: nothing to add the titles to.
      return;
    }
    this.thread.post(request);
  }

  private settle(answers: SearchAnswer[]): void {
    for (const answer of answers) {
      const waiting = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if ('error' in answer) {
        waiting?.reject(new Error(`the titles search failed: ${answer.error}`));
      } else {
        waiting?.resolve(answer.hits);
      }
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) {
      waiting.reject(error);
    }
    this.waiting.clear();
  }
}
