import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProposalCategory } from '../proposal-category.js';
import type { Proposal } from '../proposal.entity.js';
import { queryPrepared } from '../prepared-query.js';
import { PROPOSAL_COLUMNS } from '../proposal-columns.js';
import { similarRowsJson, type SimilarRow } from '../similar/similar-titles.service.js';

/** One proposal to file, as its author sent it (trimmed). */
export interface Filing {
  cycleId: string;
  authorId: string;
  title: string;
  category: ProposalCategory;
  description: string;
  location: string | null;
  anonymous: boolean;
  /** Look-alikes found beforehand in the titles index: their rows come back with the new one. */
  similarIds: readonly string[];
}

/** A filed proposal's row, with the rows of the look-alikes named in its filing. */
export type FiledRow = Proposal & { similarRows: SimilarRow[] };

/**
 * Files proposals of one cycle only while it is collecting, in one statement: no row comes back
 * otherwise. The share lock on the cycle row, held until the statement commits, orders it with a
 * phase move (which locks the row for update): the move waits for the insert, or the insert
 * waits for the move and then sees the new phase. Each row's look-alikes ($9, ids joined by
 * commas) come back in the same statement. The ids are made here, to match rows to filings.
 */
const FILE_SQL = `WITH filing AS (
    SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::proposal_category[],
                         $6::text[], $7::text[], $8::boolean[], $9::text[])
      AS f(id, author_id, title, category, description, location, anonymous, similar_ids)
  ), inserted AS (
    INSERT INTO proposals AS p
      (id, cycle_id, author_id, title, category, description, location, anonymous)
    SELECT f.id, c.id, f.author_id, f.title, f.category, f.description, f.location, f.anonymous
    FROM cycles c CROSS JOIN filing f
    WHERE c.id = $1 AND c.phase = 'collecting'
    FOR SHARE OF c
    RETURNING ${PROPOSAL_COLUMNS}
  )
  SELECT inserted.*,
    ${similarRowsJson("string_to_array(filing.similar_ids, ',')")} AS "similarRows"
  FROM inserted JOIN filing USING (id)`;

/** More filings than this in one turn go in several statements. */
const MOST_PER_STATEMENT = 64;

interface Waiting {
  id: string;
  filing: Filing;
  resolve: (row: FiledRow | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Files the proposals submitted during one turn of the event loop together, in one statement
 * per cycle: one round trip, one transaction and one WAL flush for all of them instead of one
 * each. Under load this is most of what a submit costs PostgreSQL and the API (measured with
 * `npm run bench -- proposals`); alone, a submit waits no longer than the turn it came in.
 *
 * Should the statement fail (one bad row fails them all), each of its filings is tried again
 * on its own, so that only the bad one is refused.
 */
@Injectable()
export class ProposalFiler {
  private waiting = new Map<string, Waiting[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The new proposal's row, or null if nothing was filed: the cycle is not collecting. */
  file(filing: Filing): Promise<FiledRow | null> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) {
        setImmediate(() => this.sendWaiting());
      }
      const ofCycle = this.waiting.get(filing.cycleId);
      const waiting = { id: randomUUID(), filing, resolve, reject };
      if (ofCycle) {
        ofCycle.push(waiting);
      } else {
        this.waiting.set(filing.cycleId, [waiting]);
      }
    });
  }

  private sendWaiting(): void {
    const byCycle = this.waiting;
    this.waiting = new Map();
    for (const [cycleId, filings] of byCycle) {
      for (let start = 0; start < filings.length; start += MOST_PER_STATEMENT) {
        void this.insert(cycleId, filings.slice(start, start + MOST_PER_STATEMENT));
      }
    }
  }

  private async insert(cycleId: string, batch: Waiting[]): Promise<void> {
    let rows: FiledRow[];
    try {
      rows = await queryPrepared<FiledRow>(this.dataSource, FILE_SQL, [
        cycleId,
        batch.map(({ id }) => id),
        batch.map(({ filing }) => filing.authorId),
        batch.map(({ filing }) => filing.title),
        batch.map(({ filing }) => filing.category),
        batch.map(({ filing }) => filing.description),
        batch.map(({ filing }) => filing.location),
        batch.map(({ filing }) => filing.anonymous),
        batch.map(({ filing }) => filing.similarIds.join(',')),
      ]);
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
      } else {
        await Promise.all(batch.map((one) => this.insert(cycleId, [one])));
      }
      return;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { id, resolve } of batch) {
      resolve(byId.get(id) ?? null);
    }
  }
}
