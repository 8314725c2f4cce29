import { createHash, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { decodeContents, type BallotLayout } from './ballot-contents.js';
import type { BallotKind } from './ballot-kind.js';
import { findBallot } from './ballot-rows.js';
import {
  KeySharesRefusedError,
  NotCountedError,
  PaperTallyPendingError,
  SealedBallotCorruptError,
  WrongBallotStatusError,
} from './ballots.errors.js';
import { Ballot } from './entities/ballot.entity.js';
import type { CountedChoice } from './entities/counted-ballot.entity.js';
import { PaperTally } from './entities/paper-tally.entity.js';
import { BallotSealer, BoxNotOpenedError, rebuildPrivateKey, ShareError } from './sealing/index.js';
import {
  tallyEvaluation,
  tallySelection,
  type EvaluationBallot,
  type EvaluationResult,
  type SelectionBallot,
  type SelectionResult,
} from './tally/index.js';

export interface PublishedPaperTally {
  ballotsReturned: number;
  invalidBallots: number;
  counts: { candidateId: string; for: number; against: number; abstain: number }[];
}

/**
 * Everything needed to recount: receipt hashes, the opened ballots shuffled, and the confirmed
 * paper counts added together (one sum, so no single paper batch stands out).
 */
export interface Bulletin {
  receiptHashes: string[];
  ballots: { choices: CountedChoice[] }[];
  paper: PublishedPaperTally | null;
}

/** The bulletin as published: with the ballot's kind and cycle, which are not hashed. */
export type PublishedBulletin = Bulletin & { kind: BallotKind; cycleId: string };

export type EvaluationBallotResult = EvaluationResult & {
  ballotId: string;
  cycleId: string;
  kind: 'evaluation';
};

export type CountedResult =
  | { kind: 'evaluation'; result: EvaluationResult }
  | { kind: 'selection' | 'runoff'; result: SelectionResult };

/** The projects an evaluation rated unsatisfied: each owes a rectification (整改). */
export function rectificationsOf(result: EvaluationResult): string[] {
  return result.projects
    .filter((project) => project.rectificationRequired)
    .map((project) => project.projectId);
}

export type BallotResult = SelectionResult & {
  ballotId: string;
  cycleId: string;
  kind: string;
  parentBallotId: string | null;
  /** Own selected plus what counted runoffs settled. */
  finalSelected: string[];
  runoffBallotIds: string[];
};

const COUNT = { zh: '开箱计票', en: 'count it' };

/** 开箱计票: opens the sealed box with the scrutineers' shares, tallies and publishes. */
@Injectable()
export class BallotCountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly sealer: BallotSealer,
  ) {}

  /**
   * `onCounted` runs in the count's transaction (other libs' work on a result, such as the
   * rectification items of an evaluation): if it throws, nothing is counted.
   */
  async count(
    actor: AuthUser,
    ballotId: string,
    shares: readonly string[],
    onCounted?: (manager: EntityManager, counted: CountedResult) => Promise<void>,
  ): Promise<BallotResult | EvaluationBallotResult> {
    const ballot = await findBallot(this.dataSource.manager, ballotId);
    requireStatus(ballot, 'closed');
    // The key lives in this call's memory only: never stored, logged or sent to a queue.
    const privateKey = await rebuildPrivateKey(
      ballotId,
      ballot.publicKey,
      ballot.sharesRequired,
      shares,
    ).catch((error: unknown) => {
      throw error instanceof ShareError ? new KeySharesRefusedError(error.message) : error;
    });
    await this.dataSource.transaction(async (manager) => {
      const locked = await findBallot(manager, ballotId, 'write');
      requireStatus(locked, 'closed');
      const paper = await this.confirmedPaper(manager, ballotId, true);
      const sealedRows = await manager.query<{ sealed: Buffer }[]>(
        'SELECT sealed FROM sealed_ballots WHERE ballot_id = $1',
        [ballotId],
      );
      // Opened on the sealing thread: the event loop serves other requests meanwhile.
      const plaintexts = await this.sealer
        .openAll(
          ballotId,
          privateKey,
          locked.publicKey,
          sealedRows.map((row) => row.sealed),
        )
        .catch((error: unknown) => {
          throw error instanceof BoxNotOpenedError ? new SealedBallotCorruptError() : error;
        });
      const opened = plaintexts.map((plaintext) => {
        try {
          return decodeContents(locked, plaintext);
        } catch {
          throw new SealedBallotCorruptError();
        }
      });
      shuffle(opened);
      const ballots = opened.map((contents) => ({ choices: choicesOf(locked, contents.marks) }));
      const receiptHashes = opened.map((contents) => contents.receiptHash).sort();
      const counted = tallyOf(locked, ballots, paper);
      const { result } = counted;
      const bulletinHash = hashBulletin({ receiptHashes, ballots, paper: addUp(locked, paper) });
      await writeOpened(manager, ballotId, ballots, receiptHashes);
      await manager.query('DELETE FROM sealed_ballots WHERE ballot_id = $1', [ballotId]);
      await manager.update(
        Ballot,
        { id: ballotId },
        { status: 'counted', countedAt: new Date(), result, bulletinHash },
      );
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'ballot.counted',
        entityType: 'ballot',
        entityId: ballotId,
        details: {
          status: result.status,
          ballotsCast: result.ballotsCast,
          validBallots: result.validBallots,
          ...(counted.kind === 'evaluation'
            ? { rectificationRequired: rectificationsOf(counted.result) }
            : { selected: counted.result.selected }),
          bulletinHash,
        },
      });
      await this.outbox.publish(manager, EventType.BallotCounted, { ballotId });
      await onCounted?.(manager, counted);
    });
    return this.result(ballotId);
  }

  async result(ballotId: string): Promise<BallotResult | EvaluationBallotResult> {
    const ballot = await findBallot(this.dataSource.manager, ballotId);
    if (ballot.status !== 'counted') {
      throw new NotCountedError(ballot.status);
    }
    if (ballot.kind === 'evaluation') {
      return {
        ...(ballot.result as EvaluationResult),
        ballotId,
        cycleId: ballot.cycleId,
        kind: 'evaluation',
      };
    }
    const result = ballot.result as SelectionResult;
    const runoffs = await this.dataSource.query<{ id: string; result: SelectionResult | null }[]>(
      "SELECT id, result FROM ballots WHERE parent_ballot_id = $1 AND kind = 'runoff' ORDER BY created_at",
      [ballotId],
    );
    const settled = runoffs.flatMap((runoff) => runoff.result?.selected ?? []);
    return {
      ...result,
      ballotId,
      cycleId: ballot.cycleId,
      kind: ballot.kind,
      parentBallotId: ballot.parentBallotId,
      finalSelected: [...result.selected, ...settled],
      runoffBallotIds: runoffs.map((runoff) => runoff.id),
    };
  }

  async bulletin(ballotId: string): Promise<PublishedBulletin> {
    const ballot = await findBallot(this.dataSource.manager, ballotId);
    if (ballot.status !== 'counted') {
      throw new NotCountedError(ballot.status);
    }
    const [receipts, ballots, paper] = await Promise.all([
      this.dataSource.query<{ receipt_hash: string }[]>(
        'SELECT receipt_hash FROM ballot_receipts WHERE ballot_id = $1 ORDER BY receipt_hash',
        [ballotId],
      ),
      this.dataSource.query<{ choices: CountedChoice[] }[]>(
        'SELECT choices FROM counted_ballots WHERE ballot_id = $1 ORDER BY position',
        [ballotId],
      ),
      this.confirmedPaper(this.dataSource.manager, ballotId),
    ]);
    return {
      kind: ballot.kind,
      cycleId: ballot.cycleId,
      receiptHashes: receipts.map((row) => row.receipt_hash),
      ballots: ballots.map((row) => ({ choices: row.choices })),
      paper: addUp(ballot, paper),
    };
  }

  /** Confirmed paper counts; an unconfirmed one stops the count rather than being dropped. */
  private async confirmedPaper(
    manager: EntityManager,
    ballotId: string,
    refusePending = false,
  ): Promise<PublishedPaperTally[]> {
    const tallies = await manager.find(PaperTally, {
      where: { ballotId },
      order: { enteredAt: 'ASC', id: 'ASC' },
    });
    const pending = tallies.filter((tally) => !tally.confirmedAt).length;
    if (pending > 0 && refusePending) {
      throw new PaperTallyPendingError(pending);
    }
    return tallies
      .filter((tally) => tally.confirmedAt)
      .map((tally) => ({
        ballotsReturned: tally.ballotsReturned,
        invalidBallots: tally.invalidBallots,
        counts: tally.counts,
      }));
  }
}

function requireStatus(ballot: Ballot, status: 'closed'): void {
  if (ballot.status !== status) {
    throw new WrongBallotStatusError(ballot.status, COUNT);
  }
}

function tallyOf(
  ballot: Ballot,
  ballots: { choices: CountedChoice[] }[],
  paper: PublishedPaperTally[],
): CountedResult {
  if (ballot.kind === 'evaluation') {
    return {
      kind: ballot.kind,
      result: tallyEvaluation(
        { deputyCount: ballot.deputyCount, quorum: ballot.quorum, projectIds: ballot.itemIds },
        ballots as unknown as EvaluationBallot[],
      ),
    };
  }
  return {
    kind: ballot.kind,
    result: tallySelection(
      {
        deputyCount: ballot.deputyCount,
        seats: ballot.seats,
        quorum: ballot.quorum,
        candidateIds: ballot.itemIds,
      },
      ballots as unknown as SelectionBallot[],
      paper,
    ),
  };
}

function choicesOf(layout: BallotLayout, marks: readonly string[]): CountedChoice[] {
  const key = layout.kind === 'evaluation' ? 'projectId' : 'candidateId';
  return layout.itemIds.map(
    (itemId, index) => ({ [key]: itemId, mark: marks[index] }) as CountedChoice,
  );
}

/** Fisher–Yates with a cryptographic generator: the stored order says nothing of cast order. */
function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

function addUp(ballot: Ballot, tallies: PublishedPaperTally[]): PublishedPaperTally | null {
  if (tallies.length === 0) {
    return null;
  }
  return {
    ballotsReturned: tallies.reduce((sum, tally) => sum + tally.ballotsReturned, 0),
    invalidBallots: tallies.reduce((sum, tally) => sum + tally.invalidBallots, 0),
    counts: ballot.itemIds.map((candidateId) => {
      const rows = tallies.flatMap((tally) =>
        tally.counts.filter((count) => count.candidateId === candidateId),
      );
      return {
        candidateId,
        for: rows.reduce((sum, row) => sum + row.for, 0),
        against: rows.reduce((sum, row) => sum + row.against, 0),
        abstain: rows.reduce((sum, row) => sum + row.abstain, 0),
      };
    }),
  };
}

function hashBulletin(bulletin: Bulletin): string {
  return createHash('sha256').update(JSON.stringify(bulletin)).digest('hex');
}

async function writeOpened(
  manager: EntityManager,
  ballotId: string,
  ballots: { choices: CountedChoice[] }[],
  receiptHashes: string[],
): Promise<void> {
  if (ballots.length === 0) {
    return;
  }
  await manager.query(
    `INSERT INTO counted_ballots (ballot_id, position, choices)
     SELECT $1, position, choices FROM unnest($2::int[], $3::jsonb[]) AS t(position, choices)`,
    [
      ballotId,
      ballots.map((_, index) => index + 1),
      ballots.map((ballot) => JSON.stringify(ballot.choices)),
    ],
  );
  await manager.query(
    `INSERT INTO ballot_receipts (ballot_id, receipt_hash) SELECT $1, unnest($2::char(64)[])`,
    [ballotId, receiptHashes],
  );
}
