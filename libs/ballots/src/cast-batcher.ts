import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BallotStatus } from './ballot-kind.js';

/** What the database said about one deputy's cast. Absent ballot: null. */
export interface CastRow {
  status: BallotStatus;
  paper_returned: number;
  member: boolean;
  cast: boolean;
}

/**
 * The casts waiting for one ballot go to the database together, in one statement. The ballot
 * row is locked FOR SHARE, so a close (an UPDATE) waits for casts in flight and none lands after
 * it. The participation's primary key decides a second cast, concurrent ones included; a sealed
 * box is written only with a new participation. Once paper ballots are in, this path stands
 * aside (see BallotsService.castCountingPaper).
 *
 * Casts written together share a transaction, so `xmin` no longer pairs a deputy with a box:
 * only a batch with a batch. Their boxes go in in random order, so neither does `ctid`.
 */
const CAST_BATCH_SQL = `WITH ballot AS (
    SELECT id, status, paper_returned FROM ballots WHERE id = $1 FOR SHARE
  ), input AS (
    SELECT deputy_id, sealed FROM unnest($2::uuid[], $3::bytea[]) AS t(deputy_id, sealed)
  ), member AS (
    SELECT e.deputy_id FROM ballot_electorate e
    WHERE e.ballot_id = $1 AND e.deputy_id = ANY($2::uuid[])
  ), participation AS (
    INSERT INTO ballot_participations (ballot_id, deputy_id, channel)
    SELECT $1, member.deputy_id, 'electronic' FROM ballot, member
    WHERE ballot.status = 'open' AND ballot.paper_returned = 0
    ON CONFLICT DO NOTHING
    RETURNING deputy_id
  ), sealed AS (
    INSERT INTO sealed_ballots (ballot_id, sealed)
    SELECT $1, input.sealed FROM participation JOIN input USING (deputy_id)
    ORDER BY random()
    RETURNING 1
  )
  SELECT ballot.status, ballot.paper_returned,
    ARRAY(SELECT deputy_id FROM member) AS members,
    ARRAY(SELECT deputy_id FROM participation) AS cast
  FROM ballot`;

interface BatchRow {
  status: BallotStatus;
  paper_returned: number;
  members: string[];
  cast: string[];
}

interface PendingCast {
  deputyId: string;
  sealed: Buffer;
  done: (row: CastRow | null) => void;
  failed: (error: unknown) => void;
}

/** Statements in flight per ballot; casts arriving meanwhile wait and go together. */
const IN_FLIGHT = 4;
const MAX_BATCH = 100;

/**
 * Group commit for casts: at low load each cast is written at once, alone; under load the casts
 * that arrive while statements are in flight go in the next one. Fewer round trips and commits
 * per cast, and more deputies per transaction id.
 */
@Injectable()
export class CastBatcher {
  private readonly waiting = new Map<string, PendingCast[]>();
  private readonly inFlight = new Map<string, number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  cast(ballotId: string, deputyId: string, sealed: Buffer): Promise<CastRow | null> {
    return new Promise((done, failed) => {
      const queue = this.waiting.get(ballotId) ?? [];
      queue.push({ deputyId, sealed, done, failed });
      this.waiting.set(ballotId, queue);
      this.flush(ballotId);
    });
  }

  private flush(ballotId: string): void {
    const running = this.inFlight.get(ballotId) ?? 0;
    const queue = this.waiting.get(ballotId);
    if (!queue || queue.length === 0 || running >= IN_FLIGHT) {
      return;
    }
    // One deputy at most once per statement: a repeat waits for the next one.
    const batch: PendingCast[] = [];
    const rest: PendingCast[] = [];
    const deputies = new Set<string>();
    for (const pending of queue) {
      if (batch.length < MAX_BATCH && !deputies.has(pending.deputyId)) {
        deputies.add(pending.deputyId);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    if (rest.length > 0) {
      this.waiting.set(ballotId, rest);
    } else {
      this.waiting.delete(ballotId);
    }
    this.inFlight.set(ballotId, running + 1);
    void this.write(ballotId, batch).finally(() => {
      const left = (this.inFlight.get(ballotId) ?? 1) - 1;
      if (left > 0) {
        this.inFlight.set(ballotId, left);
      } else {
        this.inFlight.delete(ballotId);
      }
      this.flush(ballotId);
    });
  }

  private async write(ballotId: string, batch: PendingCast[]): Promise<void> {
    try {
      const [row] = await this.dataSource.query<BatchRow[]>(CAST_BATCH_SQL, [
        ballotId,
        batch.map((pending) => pending.deputyId),
        batch.map((pending) => pending.sealed),
      ]);
      const members = new Set(row?.members ?? []);
      const cast = new Set(row?.cast ?? []);
      for (const pending of batch) {
        pending.done(
          row
            ? {
                status: row.status,
                paper_returned: row.paper_returned,
                member: members.has(pending.deputyId),
                cast: cast.has(pending.deputyId),
              }
            : null,
        );
      }
    } catch (error) {
      for (const pending of batch) {
        pending.failed(error);
      }
    }
  }
}
