import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/common';
import { Cycle, CycleNotFoundError, requirePhase } from '@app/cycles';
import type { NewBallot } from './ballot-input.js';
import {
  BallotNotFoundError,
  InvalidBallotInputError,
  WrongBallotStatusError,
} from './ballots.errors.js';
import { findBallot } from './ballot-rows.js';
import type { SelectionResult } from './tally/index.js';

export interface BallotPlan {
  seats: number;
  itemIds: string[];
  parentBallotId: string | null;
}

const HOLD_BALLOT = { zh: '建立投票', en: 'create a ballot' };
const refuse = (zh: string, en: string) => new InvalidBallotInputError({ zh, en });

/** Decides what a new ballot offers (its items and seats), under the rules of its kind. */
@Injectable()
export class BallotItemsPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async plan(
    manager: EntityManager,
    actor: AuthUser,
    cycleId: string,
    input: NewBallot,
  ): Promise<BallotPlan> {
    const cycle = await manager.findOne(Cycle, {
      where: { id: cycleId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!cycle) {
      throw new CycleNotFoundError();
    }
    switch (input.kind) {
      case 'selection':
        requirePhase(cycle, 'balloting', HOLD_BALLOT);
        return this.planSelection(manager, actor, cycle, input);
      case 'runoff':
        requirePhase(cycle, 'balloting', HOLD_BALLOT);
        return this.planRunoff(manager, cycle, input);
      case 'evaluation':
        requirePhase(cycle, 'evaluating', HOLD_BALLOT);
        return this.planEvaluation(manager, cycle, input);
    }
  }

  /** Candidate and project titles by id, for showing a ballot's items. */
  async titles(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource.query<{ id: string; title: string }[]>(
      `SELECT id, title FROM candidates WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, title FROM projects WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  private async planSelection(
    manager: EntityManager,
    actor: AuthUser,
    cycle: Cycle,
    input: NewBallot,
  ): Promise<BallotPlan> {
    const listed = await manager.query<{ id: string }[]>(
      'SELECT id FROM candidates WHERE cycle_id = $1 ORDER BY created_at, id',
      [cycle.id],
    );
    const all = listed.map((row) => row.id);
    const itemIds = input.candidateIds ?? all;
    if (new Set(itemIds).size !== itemIds.length) {
      throw refuse('候选项目有重复', 'a candidate is listed twice');
    }
    if (itemIds.some((id) => !all.includes(id))) {
      throw refuse('有候选项目不属于本年度', 'a candidate is not of this cycle');
    }
    const seats = input.seats ?? cycle.seats;
    const enough = cycle.allowEqualBallot ? itemIds.length >= seats : itemIds.length > seats;
    if (!enough) {
      throw refuse(
        cycle.allowEqualBallot
          ? `候选项目（${itemIds.length} 个）不能少于应选项目数 ${seats} 个`
          : `差额票决的候选项目（${itemIds.length} 个）须多于应选项目数 ${seats} 个`,
        `${itemIds.length} candidates for ${seats} seats: ${cycle.allowEqualBallot ? 'at least as many' : 'more'} candidates than seats are needed`,
      );
    }
    if (!cycle.candidatesFrozenAt) {
      await manager.update(Cycle, { id: cycle.id }, { candidatesFrozenAt: new Date() });
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'cycle.candidates_frozen',
        entityType: 'cycle',
        entityId: cycle.id,
        details: { candidates: all.length },
      });
    }
    return { seats, itemIds, parentBallotId: null };
  }

  /**
   * 满意度测评 over the cycle's projects (all of them unless named). Read by SQL: the projects
   * lib builds on this one, not the reverse.
   */
  private async planEvaluation(
    manager: EntityManager,
    cycle: Cycle,
    input: NewBallot,
  ): Promise<BallotPlan> {
    const listed = await manager.query<{ id: string }[]>(
      `SELECT p.id FROM projects p JOIN candidates c ON c.id = p.candidate_id
       WHERE p.cycle_id = $1 ORDER BY c.created_at, c.id`,
      [cycle.id],
    );
    const all = listed.map((row) => row.id);
    const itemIds = input.projectIds ?? all;
    if (itemIds.length === 0) {
      throw refuse('本年度没有可测评的项目', 'the cycle has no projects to evaluate');
    }
    if (new Set(itemIds).size !== itemIds.length) {
      throw refuse('项目有重复', 'a project is listed twice');
    }
    if (itemIds.some((id) => !all.includes(id))) {
      throw refuse('有项目不属于本年度', 'a project is not of this cycle');
    }
    // Seats mean nothing to a rating; the column holds the number of projects rated.
    return { seats: itemIds.length, itemIds, parentBallotId: null };
  }

  /** A runoff among the candidates tied across the last seat, for the seats left. */
  private async planRunoff(
    manager: EntityManager,
    cycle: Cycle,
    input: NewBallot,
  ): Promise<BallotPlan> {
    if (!input.parentBallotId) {
      throw refuse('复选须指明原投票', 'a runoff names its parent ballot (parentBallotId)');
    }
    const parent = await findBallot(manager, input.parentBallotId, 'write');
    if (parent.cycleId !== cycle.id) {
      throw new BallotNotFoundError();
    }
    if (parent.status !== 'counted') {
      throw new WrongBallotStatusError(parent.status, {
        zh: '据此复选',
        en: 'hold a runoff of it',
      });
    }
    const runoff = (parent.result as SelectionResult).runoff;
    if (!runoff) {
      throw refuse('原投票无需复选', 'the parent ballot has no tie to settle');
    }
    const [existing] = await manager.query<unknown[]>(
      "SELECT 1 FROM ballots WHERE parent_ballot_id = $1 AND kind = 'runoff'",
      [parent.id],
    );
    if (existing) {
      throw refuse('该投票已有复选', 'the parent ballot already has a runoff');
    }
    const itemIds = input.candidateIds ?? runoff.candidateIds;
    const sameSet =
      itemIds.length === runoff.candidateIds.length &&
      new Set(itemIds).size === itemIds.length &&
      itemIds.every((id) => runoff.candidateIds.includes(id));
    if (!sameSet) {
      throw refuse(
        '复选的候选项目须为票数相同的候选项目',
        'a runoff offers exactly the tied candidates',
      );
    }
    const seats = input.seats ?? runoff.seats;
    if (seats !== runoff.seats) {
      throw refuse(
        `复选应选 ${runoff.seats} 个`,
        `the runoff fills the ${runoff.seats} seats left`,
      );
    }
    return { seats, itemIds, parentBallotId: parent.id };
  }
}
