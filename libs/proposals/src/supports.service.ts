import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@app/common';
import { CyclesService, requirePhase } from '@app/cycles';
import { Proposal } from './proposal.entity.js';
import {
  AlreadySupportedError,
  NotSupportableError,
  OwnSupportError,
  ProposalNotFoundError,
  SupportNotFoundError,
} from './proposals.errors.js';

/**
 * Supports (附议). The supports table's primary key decides whether one counts, never a read
 * before the write; the proposal's counter moves in the same transaction, so it is exact.
 */
@Injectable()
export class SupportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
  ) {}

  async support(actor: AuthUser, proposalId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOneBy(Proposal, { id: proposalId });
      if (!proposal) {
        throw new ProposalNotFoundError();
      }
      const cycle = await this.cycles.lockForShare(manager, proposal.cycleId);
      requirePhase(cycle, 'collecting', { zh: '附议', en: 'support proposals' });
      if (proposal.authorId === actor.id) {
        throw new OwnSupportError();
      }
      if (proposal.status !== 'submitted') {
        throw new NotSupportableError(proposal.status);
      }
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO supports (proposal_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING proposal_id`,
        [proposalId, actor.id],
      );
      if (inserted.length === 0) {
        throw new AlreadySupportedError();
      }
      return this.changeCount(manager, proposalId, +1);
    });
  }

  async withdraw(actor: AuthUser, proposalId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOneBy(Proposal, { id: proposalId });
      if (!proposal) {
        throw new ProposalNotFoundError();
      }
      const cycle = await this.cycles.lockForShare(manager, proposal.cycleId);
      requirePhase(cycle, 'collecting', { zh: '撤回附议', en: 'withdraw supports' });
      const [, deleted] = await manager.query<[unknown[], number]>(
        'DELETE FROM supports WHERE proposal_id = $1 AND user_id = $2',
        [proposalId, actor.id],
      );
      if (!deleted) {
        throw new SupportNotFoundError();
      }
      return this.changeCount(manager, proposalId, -1);
    });
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

  private async changeCount(
    manager: EntityManager,
    proposalId: string,
    delta: 1 | -1,
  ): Promise<number> {
    const [rows] = await manager.query<[{ support_count: number }[], number]>(
      'UPDATE proposals SET support_count = support_count + $2 WHERE id = $1 RETURNING support_count',
      [proposalId, delta],
    );
    return rows[0].support_count;
  }
}
