import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/common';
import {
  BallotsExhaustedError,
  InvalidPaperTallyError,
  PaperTallyConfirmationError,
  PaperTallyNotFoundError,
  PaperVotersConflictError,
  WrongBallotStatusError,
} from './ballots.errors.js';
import { findBallot } from './ballot-rows.js';
import { Ballot } from './entities/ballot.entity.js';
import { PaperTally, type PaperItemCount } from './entities/paper-tally.entity.js';

export interface NewPaperTally {
  ballotsIssued: number;
  ballotsReturned: number;
  invalidBallots: number;
  counts: PaperItemCount[];
  deputyIds?: string[];
}

const refuse = (zh: string, en: string) => new InvalidPaperTallyError({ zh, en });
const RECORD_VOTERS = { zh: '登记纸质投票代表', en: 'record paper voters' };

/** Checks a paper count against itself and the ballot; the first inconsistency refuses it. */
export function checkPaperTally(ballot: Ballot, input: NewPaperTally): void {
  if (ballot.kind === 'evaluation') {
    throw refuse('测评投票的纸质计票尚不支持', 'paper counts of evaluations are not supported yet');
  }
  if (input.ballotsReturned > input.ballotsIssued) {
    throw refuse(
      `收回票数 ${input.ballotsReturned} 多于发出票数 ${input.ballotsIssued}，本次纸质计票无效`,
      `${input.ballotsReturned} ballots returned but ${input.ballotsIssued} issued: this paper count is void`,
    );
  }
  if (input.invalidBallots > input.ballotsReturned) {
    throw refuse('无效票数不能多于收回票数', 'more invalid ballots than ballots returned');
  }
  const valid = input.ballotsReturned - input.invalidBallots;
  const counted = new Set(input.counts.map((count) => count.candidateId));
  if (
    counted.size !== input.counts.length ||
    counted.size !== ballot.itemIds.length ||
    ballot.itemIds.some((id) => !counted.has(id))
  ) {
    throw refuse(
      '须为每个候选项目各填一行票数',
      'give exactly one row of counts per candidate of the ballot',
    );
  }
  for (const count of input.counts) {
    if (count.for + count.against + count.abstain !== valid) {
      throw refuse(
        `每个候选项目的赞成、不赞成、弃权票之和须等于有效票数 ${valid}`,
        `for + against + abstain must equal the ${valid} valid ballots for each candidate`,
      );
    }
  }
  const forMarks = input.counts.reduce((sum, count) => sum + count.for, 0);
  if (forMarks > valid * ballot.seats) {
    throw refuse(
      `赞成票总数超过有效票数 × 应选项目数（${valid * ballot.seats}）`,
      `more "for" marks than valid ballots × seats (${valid * ballot.seats})`,
    );
  }
  const deputies = input.deputyIds ?? [];
  if (new Set(deputies).size !== deputies.length) {
    throw refuse('代表名单有重复', 'a deputy is listed twice');
  }
  if (deputies.length > input.ballotsReturned) {
    throw refuse('登记的代表多于收回票数', 'more deputies listed than ballots returned');
  }
}

/** 纸质计票: entered by one secretariat user, counted only once a second one confirms. */
@Injectable()
export class PaperTalliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records deputies as voting on paper (given a paper ballot): they can no longer vote
   * electronically, nor the reverse. Best done when the paper ballots are handed out, apart from
   * any count, so that nothing ties a named deputy to a small set of paper counts.
   */
  async recordPaperVoters(actor: AuthUser, ballotId: string, deputyIds: string[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ballot = await findBallot(manager, ballotId, 'write');
      if (ballot.status === 'counted') {
        throw new WrongBallotStatusError(ballot.status, RECORD_VOTERS);
      }
      await recordVoters(manager, ballot, deputyIds, 0);
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'ballot.paper_voters_recorded',
        entityType: 'ballot',
        entityId: ballotId,
        details: { deputyIds },
      });
      return deputyIds.length;
    });
  }

  async enter(actor: AuthUser, ballotId: string, input: NewPaperTally): Promise<PaperTally> {
    return this.dataSource.transaction(async (manager) => {
      // FOR UPDATE waits for casts in flight, so the totals checked below are exact.
      const ballot = await findBallot(manager, ballotId, 'write');
      if (ballot.status !== 'open' && ballot.status !== 'closed') {
        throw new WrongBallotStatusError(ballot.status, {
          zh: '录入纸质票',
          en: 'enter paper counts',
        });
      }
      checkPaperTally(ballot, input);
      await recordVoters(manager, ballot, input.deputyIds ?? [], input.ballotsReturned);
      const tally = await manager.save(
        manager.create(PaperTally, {
          ballotId,
          ballotsIssued: input.ballotsIssued,
          ballotsReturned: input.ballotsReturned,
          invalidBallots: input.invalidBallots,
          counts: ballot.itemIds.map((id) => {
            const row = input.counts.find((count) => count.candidateId === id)!;
            return { candidateId: id, for: row.for, against: row.against, abstain: row.abstain };
          }),
          enteredBy: actor.id,
        }),
      );
      await manager.increment(Ballot, { id: ballotId }, 'paperReturned', input.ballotsReturned);
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'ballot.paper_tally_entered',
        entityType: 'ballot',
        entityId: ballotId,
        details: {
          paperTallyId: tally.id,
          ballotsIssued: tally.ballotsIssued,
          ballotsReturned: tally.ballotsReturned,
          invalidBallots: tally.invalidBallots,
          counts: tally.counts,
        },
      });
      return tally;
    });
  }

  /** A second secretariat user confirms; only then does the paper count go into the tally. */
  async confirm(actor: AuthUser, ballotId: string, tallyId: string): Promise<PaperTally> {
    return this.dataSource.transaction(async (manager) => {
      const ballot = await findBallot(manager, ballotId, 'write');
      if (ballot.status === 'counted') {
        throw new WrongBallotStatusError(ballot.status, {
          zh: '确认纸质票',
          en: 'confirm paper counts',
        });
      }
      const tally = await manager.findOneBy(PaperTally, { id: tallyId, ballotId });
      if (!tally) {
        throw new PaperTallyNotFoundError();
      }
      if (tally.confirmedAt) {
        throw new PaperTallyConfirmationError(
          { zh: '该纸质计票已经确认', en: 'this paper count is confirmed already' },
          'conflict',
        );
      }
      if (tally.enteredBy === actor.id) {
        throw new PaperTallyConfirmationError(
          {
            zh: '录入人不能确认自己录入的计票，须由另一位工作人员确认',
            en: 'the user who entered a paper count cannot confirm it: another user must',
          },
          'forbidden',
        );
      }
      tally.confirmedBy = actor.id;
      tally.confirmedAt = new Date();
      await manager.update(
        PaperTally,
        { id: tally.id },
        { confirmedBy: tally.confirmedBy, confirmedAt: tally.confirmedAt },
      );
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'ballot.paper_tally_confirmed',
        entityType: 'ballot',
        entityId: ballotId,
        details: { paperTallyId: tally.id, enteredBy: tally.enteredBy },
      });
      return tally;
    });
  }

  async list(ballotId: string): Promise<PaperTally[]> {
    await findBallot(this.dataSource.manager, ballotId);
    return this.dataSource
      .getRepository(PaperTally)
      .find({ where: { ballotId }, order: { enteredAt: 'ASC', id: 'ASC' } });
  }
}

/**
 * Writes paper participations for the deputies (none twice, none who voted electronically) and
 * checks that electronic ballots plus paper ones — returned, or issued to named deputies,
 * whichever is more — stay within deputyCount once `moreReturned` paper ballots are added.
 */
async function recordVoters(
  manager: EntityManager,
  ballot: Ballot,
  deputyIds: string[],
  moreReturned: number,
): Promise<void> {
  if (new Set(deputyIds).size !== deputyIds.length) {
    throw refuse('代表名单有重复', 'a deputy is listed twice');
  }
  const [{ members }] = await manager.query<{ members: number }[]>(
    `SELECT count(*)::int AS members FROM ballot_electorate
     WHERE ballot_id = $1 AND deputy_id = ANY($2::uuid[])`,
    [ballot.id, deputyIds],
  );
  if (members !== deputyIds.length) {
    throw refuse('登记的代表不在本次投票的代表名单中', 'a listed deputy is not in the electorate');
  }
  const recorded = await manager.query<unknown[]>(
    `INSERT INTO ballot_participations (ballot_id, deputy_id, channel)
     SELECT $1, unnest($2::uuid[]), 'paper'
     ON CONFLICT DO NOTHING RETURNING 1`,
    [ballot.id, deputyIds],
  );
  if (recorded.length !== deputyIds.length) {
    throw new PaperVotersConflictError(deputyIds.length - recorded.length);
  }
  const [totals] = await manager.query<{ electronic: number; paper_voters: number }[]>(
    `SELECT count(*) FILTER (WHERE channel = 'electronic')::int AS electronic,
            count(*) FILTER (WHERE channel = 'paper')::int AS paper_voters
     FROM ballot_participations WHERE ballot_id = $1`,
    [ballot.id],
  );
  const paper = Math.max(totals.paper_voters, ballot.paperReturned + moreReturned);
  if (totals.electronic + paper > ballot.deputyCount) {
    throw new BallotsExhaustedError();
  }
}
