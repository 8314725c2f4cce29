import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { completeChoices, encodeMarks, type ChoiceInput } from './ballot-contents.js';
import { BALLOT_DEFAULTS, type NewBallot } from './ballot-input.js';
import type { BallotStatus, VotingChannel } from './ballot-kind.js';
import { BallotLayouts } from './ballot-layouts.js';
import { electronicCasts, findBallot } from './ballot-rows.js';
import { BallotItemsPlanner } from './ballot-items.planner.js';
import { CastBatcher } from './cast-batcher.js';
import {
  AlreadyVotedError,
  BallotNotFoundError,
  BallotsExhaustedError,
  InvalidBallotInputError,
  NotInElectorateError,
  WrongBallotStatusError,
} from './ballots.errors.js';
import { Ballot } from './entities/ballot.entity.js';
import { BallotSealer, createBallotKeys } from './sealing/index.js';

export interface BallotItem {
  id: string;
  title: string;
}

/** A ballot as anyone may see it before the count: the number cast, never what. */
export type BallotView = Ballot & { castCount: number; items: BallotItem[] };

/** Shown once to the deputy: the code, and its hash as the bulletin will list it. */
export interface CastReceipt {
  receipt: string;
  receiptHash: string;
}

export interface CreatedBallot {
  ballot: BallotView;
  /** The scrutineers' key shares: returned here once and stored nowhere. */
  keyShares: string[];
}

const VOTE = { zh: '投票', en: 'vote' };

@Injectable()
export class BallotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly layouts: BallotLayouts,
    private readonly planner: BallotItemsPlanner,
    private readonly batcher: CastBatcher,
    private readonly sealer: BallotSealer,
  ) {}

  /**
   * Creates a ballot with its electorate (the active deputies now) and key pair. A selection
   * ballot freezes the cycle's candidate list.
   */
  async create(actor: AuthUser, cycleId: string, input: NewBallot): Promise<CreatedBallot> {
    const scrutineers = input.scrutineers ?? BALLOT_DEFAULTS.scrutineers;
    const sharesRequired = input.sharesRequired ?? BALLOT_DEFAULTS.sharesRequired;
    checkSchedule(input.opensAt ?? null, input.closesAt ?? null);
    if (sharesRequired < 2 || sharesRequired > scrutineers || scrutineers > 9) {
      throw new InvalidBallotInputError({
        zh: '密钥分片须满足 2 ≤ 开箱所需份数 ≤ 监票人数 ≤ 9',
        en: 'key shares need 2 ≤ sharesRequired ≤ scrutineers ≤ 9',
      });
    }
    const id = randomUUID();
    const keys = await createBallotKeys(id, scrutineers, sharesRequired);
    const ballot = await this.dataSource.transaction(async (manager) => {
      const plan = await this.planner.plan(manager, actor, cycleId, input);
      const created = manager.create(Ballot, {
        id,
        cycleId,
        kind: input.kind,
        seats: plan.seats,
        quorum: input.quorum ?? BALLOT_DEFAULTS.quorum,
        deputyCount: 0,
        itemIds: plan.itemIds,
        parentBallotId: plan.parentBallotId,
        opensAt: input.opensAt ?? null,
        closesAt: input.closesAt ?? null,
        publicKey: keys.publicKey,
        scrutineers,
        sharesRequired,
        createdBy: actor.id,
      });
      await manager.insert(Ballot, created);
      created.deputyCount = await this.freezeElectorate(manager, id);
      await manager.update(Ballot, { id }, { deputyCount: created.deputyCount });
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'ballot.created',
        entityType: 'ballot',
        entityId: id,
        details: {
          cycleId,
          kind: created.kind,
          seats: created.seats,
          items: created.itemIds,
          deputyCount: created.deputyCount,
          quorum: created.quorum,
          scrutineers,
          sharesRequired,
          publicKey: keys.publicKey.toString('hex'),
          parentBallotId: created.parentBallotId,
        },
      });
      return created;
    });
    const [view] = await this.withCounts([ballot]);
    return { ballot: view, keyShares: keys.shares };
  }

  async get(id: string): Promise<BallotView> {
    const [view] = await this.withCounts([await findBallot(this.dataSource.manager, id)]);
    return view;
  }

  async listForCycle(cycleId: string): Promise<BallotView[]> {
    const ballots = await this.dataSource
      .getRepository(Ballot)
      .find({ where: { cycleId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.withCounts(ballots);
  }

  /** Opens a scheduled ballot; `actor` null is the scheduler at `opensAt`. */
  async open(actor: AuthUser | null, id: string): Promise<BallotView> {
    return this.move(actor, id, 'scheduled', 'open', { zh: '开始投票', en: 'open it' });
  }

  /** Ends casting; `actor` null is the scheduler at `closesAt`. */
  async close(actor: AuthUser | null, id: string): Promise<BallotView> {
    return this.move(actor, id, 'open', 'closed', { zh: '结束投票', en: 'close it' });
  }

  /**
   * Casts the deputy's secret ballot: validated, completed, sealed to the ballot's public key
   * with the hash of a fresh receipt, and stored apart from the record that the deputy voted.
   */
  async castVote(actor: AuthUser, ballotId: string, choices: ChoiceInput[]): Promise<CastReceipt> {
    const layout = await this.layouts.get(ballotId);
    const marks = completeChoices(layout, choices);
    const { receipt, receiptHash, sealed } = await this.sealer.sealCast(
      ballotId,
      layout.publicKey,
      encodeMarks(layout, marks),
    );
    const row = await this.batcher.cast(ballotId, actor.id, sealed);
    if (!row) {
      throw new BallotNotFoundError();
    }
    if (row.cast) {
      return { receipt, receiptHash };
    }
    if (row.status !== 'open') {
      throw new WrongBallotStatusError(row.status, VOTE);
    }
    if (!row.member) {
      throw new NotInElectorateError();
    }
    if (row.paper_returned > 0) {
      await this.castCountingPaper(ballotId, actor.id, sealed);
      return { receipt, receiptHash };
    }
    // The participation that stopped this one may have committed after the statement began,
    // unseen by its snapshot: ask again.
    throw new AlreadyVotedError(await this.channelOf(ballotId, actor.id));
  }

  /**
   * A cast once paper ballots are in: ballots may then run out, which a snapshot cannot see
   * under concurrent casts. Casts take the ballot row FOR UPDATE, one at a time, and count anew.
   */
  private async castCountingPaper(ballotId: string, deputyId: string, sealed: Buffer) {
    await this.dataSource.transaction(async (manager) => {
      const ballot = await findBallot(manager, ballotId, 'write');
      if (ballot.status !== 'open') {
        throw new WrongBallotStatusError(ballot.status, VOTE);
      }
      const [totals] = await manager.query<
        { electronic: number; paper: number; own: VotingChannel | null }[]
      >(
        `SELECT count(*) FILTER (WHERE channel = 'electronic')::int AS electronic,
                count(*) FILTER (WHERE channel = 'paper')::int AS paper,
                max(channel::text) FILTER (WHERE deputy_id = $2) AS own
         FROM ballot_participations WHERE ballot_id = $1`,
        [ballotId, deputyId],
      );
      if (totals.own) {
        throw new AlreadyVotedError(totals.own);
      }
      if (totals.electronic + Math.max(totals.paper, ballot.paperReturned) >= ballot.deputyCount) {
        throw new BallotsExhaustedError();
      }
      await manager.query(
        `INSERT INTO ballot_participations (ballot_id, deputy_id, channel)
         VALUES ($1, $2, 'electronic')`,
        [ballotId, deputyId],
      );
      await manager.query('INSERT INTO sealed_ballots (ballot_id, sealed) VALUES ($1, $2)', [
        ballotId,
        sealed,
      ]);
    });
  }

  private async channelOf(ballotId: string, deputyId: string): Promise<VotingChannel | null> {
    const [row] = await this.dataSource.query<{ channel: VotingChannel }[]>(
      'SELECT channel FROM ballot_participations WHERE ballot_id = $1 AND deputy_id = $2',
      [ballotId, deputyId],
    );
    return row?.channel ?? null;
  }

  /** Whether the deputy voted and how; never the marks, which nothing links to them. */
  async myVote(
    actor: AuthUser,
    ballotId: string,
  ): Promise<{ inElectorate: boolean; voted: boolean; channel: VotingChannel | null }> {
    const [row] = await this.dataSource.query<{ member: boolean; channel: VotingChannel | null }[]>(
      `SELECT EXISTS (SELECT 1 FROM ballot_electorate e WHERE e.ballot_id = b.id AND e.deputy_id = $2)
          AS member,
        (SELECT p.channel FROM ballot_participations p WHERE p.ballot_id = b.id AND p.deputy_id = $2)
          AS channel
       FROM ballots b WHERE b.id = $1`,
      [ballotId, actor.id],
    );
    if (!row) {
      throw new BallotNotFoundError();
    }
    return { inElectorate: row.member, voted: row.channel !== null, channel: row.channel };
  }

  /** Ballots due to open or close at `now`, for the scheduler. */
  async due(now: Date): Promise<{ toOpen: string[]; toClose: string[] }> {
    const rows = await this.dataSource.query<{ id: string; status: BallotStatus }[]>(
      `SELECT id, status FROM ballots
       WHERE (status = 'scheduled' AND opens_at <= $1) OR (status = 'open' AND closes_at <= $1)
       ORDER BY coalesce(closes_at, opens_at), id`,
      [now],
    );
    return {
      toOpen: rows.filter((row) => row.status === 'scheduled').map((row) => row.id),
      toClose: rows.filter((row) => row.status === 'open').map((row) => row.id),
    };
  }

  async withCounts(ballots: Ballot[]): Promise<BallotView[]> {
    if (ballots.length === 0) {
      return [];
    }
    const ids = ballots.map((ballot) => ballot.id);
    const [electronic, items] = await Promise.all([
      electronicCasts(this.dataSource.manager, ids),
      this.planner.titles(ballots.flatMap((ballot) => ballot.itemIds)),
    ]);
    return ballots.map((ballot) =>
      Object.assign(ballot, {
        castCount: (electronic.get(ballot.id) ?? 0) + ballot.paperReturned,
        items: ballot.itemIds.map((itemId) => ({ id: itemId, title: items.get(itemId) ?? '' })),
      }),
    );
  }

  private async move(
    actor: AuthUser | null,
    id: string,
    from: BallotStatus,
    to: BallotStatus,
    action: { zh: string; en: string },
  ): Promise<BallotView> {
    const moved = await this.dataSource.transaction(async (manager) => {
      // Locked for update: no cast lands after a close.
      const ballot = await findBallot(manager, id, 'write');
      if (ballot.status !== from) {
        throw new WrongBallotStatusError(ballot.status, action);
      }
      ballot.status = to;
      if (to === 'open') {
        ballot.openedAt = new Date();
      } else {
        ballot.closedAt = new Date();
      }
      await manager.update(
        Ballot,
        { id },
        { status: to, openedAt: ballot.openedAt, closedAt: ballot.closedAt },
      );
      await this.audit.append(manager, {
        actorId: actor?.id ?? null,
        action: `ballot.${to === 'open' ? 'opened' : 'closed'}`,
        entityType: 'ballot',
        entityId: id,
        details: {
          by: actor ? 'secretariat' : 'schedule',
          electronic: (await electronicCasts(manager, [id])).get(id) ?? 0,
          paper: ballot.paperReturned,
        },
      });
      if (to === 'open') {
        await this.outbox.publish(manager, EventType.BallotOpened, { ballotId: id });
      }
      return ballot;
    });
    const [view] = await this.withCounts([moved]);
    return view;
  }

  private async freezeElectorate(manager: EntityManager, ballotId: string): Promise<number> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ballot_electorate (ballot_id, deputy_id)
       SELECT $1, id FROM users WHERE active AND 'deputy' = ANY (roles)
       RETURNING deputy_id`,
      [ballotId],
    );
    if (inserted.length === 0) {
      throw new InvalidBallotInputError({
        zh: '没有在任的人大代表，无法建立投票',
        en: 'there are no active deputies to vote',
      });
    }
    return inserted.length;
  }
}

function checkSchedule(opensAt: Date | null, closesAt: Date | null): void {
  if (opensAt && closesAt && closesAt <= opensAt) {
    throw new InvalidBallotInputError({
      zh: '截止时间须晚于开始时间',
      en: 'closesAt must be after opensAt',
    });
  }
  if (closesAt && closesAt <= new Date()) {
    throw new InvalidBallotInputError({
      zh: '截止时间须在将来',
      en: 'closesAt must be in the future',
    });
  }
}
