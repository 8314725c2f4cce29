import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pageOf, skipOf, type AuthUser, type Page, type PageRequest } from '@app/common';
import { Cycle, requirePhase, type CyclePhase } from '@app/cycles';
import { ProposalListChanges } from './list-cache/proposal-list-changes.js';
import type { ProposalCategory, ProposalStatus } from './proposal-category.js';
import {
  AlreadySupportedError,
  NotSupportableError,
  OwnSupportError,
  ProposalNotFoundError,
  SupportNotFoundError,
} from './proposals.errors.js';

/**
 * A support: ONE autocommit statement. `target` locks the proposal's cycle FOR SHARE and
 * yields its phase as locked, with the proposal's status and author; `ins` adds the support
 * if all three allow it and the primary key has no such row yet; `counted` moves the counter
 * by the rows `ins` returned. The answer is always one row: what the decision was made on,
 * and the new count (NULL when nothing was written). No row in target: no such proposal.
 */
const SUPPORT_SQL = `WITH target AS (
  SELECT p.id, p.cycle_id, p.status, p.author_id, c.phase
  FROM proposals p JOIN cycles c ON c.id = p.cycle_id
  WHERE p.id = $1::uuid
  FOR SHARE OF c
), ins AS (
  INSERT INTO supports (proposal_id, user_id)
  SELECT id, $2::uuid FROM target
  WHERE phase = 'collecting' AND status = 'submitted' AND author_id <> $2::uuid
  ON CONFLICT (proposal_id, user_id) DO NOTHING
  RETURNING proposal_id
), counted AS (
  UPDATE proposals SET support_count = support_count + 1
  WHERE id IN (SELECT proposal_id FROM ins)
  RETURNING support_count
)
SELECT t.cycle_id, t.phase, t.status, t.author_id,
  (SELECT support_count FROM counted) AS support_count
FROM (VALUES (1)) AS one LEFT JOIN target t ON true`;

/**
 * A withdrawal: the same shape. A DELETE … USING cannot lock the cycle, so the locking
 * `target` comes first and the DELETE joins it.
 */
const WITHDRAW_SQL = `WITH target AS (
  SELECT p.id, p.cycle_id, c.phase
  FROM proposals p JOIN cycles c ON c.id = p.cycle_id
  WHERE p.id = $1::uuid
  FOR SHARE OF c
), del AS (
  DELETE FROM supports s USING target t
  WHERE t.phase = 'collecting' AND s.proposal_id = t.id AND s.user_id = $2::uuid
  RETURNING s.proposal_id
), counted AS (
  UPDATE proposals SET support_count = support_count - 1
  WHERE id IN (SELECT proposal_id FROM del)
  RETURNING support_count
)
SELECT t.cycle_id, t.phase, (SELECT support_count FROM counted) AS support_count
FROM (VALUES (1)) AS one LEFT JOIN target t ON true`;

interface SupportOutcome {
  /** NULL: no such proposal. */
  cycle_id: string | null;
  phase: CyclePhase | null;
  status: ProposalStatus | null;
  author_id: string | null;
  /** The new count; NULL when no support was added. */
  support_count: number | null;
}

/** A proposal as its supporter's list shows it. */
export interface SupportedProposal {
  id: string;
  cycleId: string;
  title: string;
  category: ProposalCategory;
  status: ProposalStatus;
  supportCount: number;
  supportedAt: Date;
}

interface WithdrawOutcome {
  cycle_id: string | null;
  phase: CyclePhase | null;
  /** The new count; NULL when no support was removed. */
  support_count: number | null;
}

const SUPPORT_ACTION = { zh: '附议', en: 'support proposals' };
const WITHDRAW_ACTION = { zh: '撤回附议', en: 'withdraw supports' };

/**
 * Supports (附议). A support and a withdrawal are each ONE autocommit statement (see the SQL
 * above), so the proposal row lock taken by the counter's UPDATE is held only for the rest of
 * that statement and its commit, never across round trips to the application. Why the counter
 * stays equal to the supports rows, and no support lands outside collecting, under any
 * concurrency (READ COMMITTED):
 *
 * - The supports primary key alone decides whether one counts. INSERT … ON CONFLICT DO NOTHING
 *   RETURNING yields a row only to the statement that created it (a concurrent insert of the
 *   same key makes it wait for that transaction, then do nothing if it committed); DELETE …
 *   RETURNING yields a row only to the statement that removed it (a second one waits, then
 *   finds the row gone and skips it).
 * - The counter moves in the same statement by exactly the rows RETURNING yielded. The UPDATE
 *   reads the CTE's RETURNING rows, never supports: all parts of a statement share one
 *   snapshot, which does not show the CTE's own insert or delete. `support_count ± 1` is
 *   applied to the newest committed version of the proposal row: behind a concurrent change
 *   it waits for the row lock, then recomputes on the new version, so none is lost. One
 *   statement is one transaction: the row and the counter commit together or not at all.
 * - The phase: the cycle row is locked FOR SHARE before anything is written, and the phase
 *   tested is that of the locked, newest version. A phase move takes FOR UPDATE on the cycle:
 *   if one is under way, the statement waits for its commit, then sees the new phase and
 *   writes nothing; once the statement holds its share lock, no move can commit before the
 *   statement has. So every support or withdrawal committed before the move took its lock
 *   (and the move sees it), or was refused with the phase the move set.
 * - Refusals need no second read: the statement returns what its decision was made on (the
 *   locked phase, the proposal's status and author), so the error matches the decision, in
 *   the order the checks were always made. Allowed but nothing written means the primary key
 *   answered: already supported, or no support to withdraw.
 *
 * The proposal's status is read from the statement's snapshot, not locked (locking the row
 * every supporter then updates would deadlock them). Reviews need screening, which the share
 * lock excludes; only the author's withdrawal of the proposal can race a support, which then
 * lands just before it, as it could when each support was a transaction of its own.
 */
@Injectable()
export class SupportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ProposalListChanges,
  ) {}

  async support(actor: AuthUser, proposalId: string): Promise<number> {
    const [outcome] = await this.dataSource.query<SupportOutcome[]>(SUPPORT_SQL, [
      proposalId,
      actor.id,
    ]);
    if (outcome.support_count !== null) {
      this.changes.changed(outcome.cycle_id!, 'contents');
      return outcome.support_count;
    }
    if (outcome.phase === null) {
      throw new ProposalNotFoundError();
    }
    requirePhase(phaseOnly(outcome.phase), 'collecting', SUPPORT_ACTION);
    if (outcome.author_id === actor.id) {
      throw new OwnSupportError();
    }
    if (outcome.status !== 'submitted') {
      throw new NotSupportableError(outcome.status ?? 'unknown');
    }
    throw new AlreadySupportedError();
  }

  async withdraw(actor: AuthUser, proposalId: string): Promise<number> {
    const [outcome] = await this.dataSource.query<WithdrawOutcome[]>(WITHDRAW_SQL, [
      proposalId,
      actor.id,
    ]);
    if (outcome.support_count !== null) {
      this.changes.changed(outcome.cycle_id!, 'contents');
      return outcome.support_count;
    }
    if (outcome.phase === null) {
      throw new ProposalNotFoundError();
    }
    requirePhase(phaseOnly(outcome.phase), 'collecting', WITHDRAW_ACTION);
    throw new SupportNotFoundError();
  }

  /** The proposals the user supports, the newest support first. */
  async listFor(userId: string, request: PageRequest): Promise<Page<SupportedProposal>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<SupportedProposal[]>(
        `SELECT p.id, p.cycle_id AS "cycleId", p.title, p.category, p.status,
           p.support_count AS "supportCount", s.created_at AS "supportedAt"
         FROM supports s JOIN proposals p ON p.id = s.proposal_id
         WHERE s.user_id = $1
         ORDER BY s.created_at DESC, s.proposal_id ASC
         LIMIT $2 OFFSET $3`,
        [userId, request.pageSize, skipOf(request)],
      ),
      this.dataSource.query<{ total: number }[]>(
        'SELECT count(*)::int AS total FROM supports WHERE user_id = $1',
        [userId],
      ),
    ]);
    return pageOf(rows, total, request);
  }

  /** Whether the user supports each of the proposals (for "supported by me" on lists). */
  async supportedBy(userId: string, proposalIds: string[]): Promise<Set<string>> {
    if (proposalIds.length === 0) {
      return new Set();
    }
    const rows = await this.dataSource.query<{ proposal_id: string }[]>(
      'SELECT proposal_id FROM supports WHERE user_id = $1 AND proposal_id = ANY($2::uuid[])',
      [userId, proposalIds],
    );
    return new Set(rows.map((row) => row.proposal_id));
  }
}

/** A cycle that is only its phase, for requirePhase and its error. */
function phaseOnly(phase: CyclePhase): Cycle {
  return Object.assign(new Cycle(), { phase });
}
