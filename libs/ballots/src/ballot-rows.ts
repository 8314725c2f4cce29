import type { EntityManager } from 'typeorm';
import { BallotNotFoundError } from './ballots.errors.js';
import { Ballot } from './entities/ballot.entity.js';

/**
 * The ballot, or BallotNotFoundError. `lock: 'write'` holds the row FOR UPDATE for the caller's
 * transaction: it waits for every cast holding the row FOR SHARE, so nothing is cast meanwhile
 * (a close, a count, a paper entry, a paper-era cast).
 */
export async function findBallot(
  manager: EntityManager,
  id: string,
  lock?: 'write',
): Promise<Ballot> {
  const ballot = await manager.findOne(Ballot, {
    where: { id },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!ballot) {
    throw new BallotNotFoundError();
  }
  return ballot;
}

/** Electronic casts per ballot; with `paperReturned` they are all anyone sees before the count. */
export async function electronicCasts(
  manager: EntityManager,
  ballotIds: string[],
): Promise<Map<string, number>> {
  const rows = await manager.query<{ ballot_id: string; casts: number }[]>(
    `SELECT ballot_id, count(*)::int AS casts FROM ballot_participations
     WHERE ballot_id = ANY($1::uuid[]) AND channel = 'electronic' GROUP BY ballot_id`,
    [ballotIds],
  );
  return new Map(rows.map((row) => [row.ballot_id, row.casts]));
}
