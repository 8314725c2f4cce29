import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  pageOf,
  skipOf,
  violatedUniqueConstraint,
  type AuthUser,
  type Page,
  type PageRequest,
} from '@app/common';
import { Cycle, CyclesService, requirePhase } from '@app/cycles';
import {
  Proposal,
  ProposalListChanges,
  proposalViewsQuery,
  readViews,
  type ProposalView,
} from '@app/proposals';
import { AlreadyCarriedError, NotInReserveError } from './candidates.errors.js';

/** Whether cycle `a` comes before cycle `b`: an earlier year, or opened earlier that year. */
export function isEarlierCycle(a: Cycle, b: Cycle): boolean {
  return a.year < b.year || (a.year === b.year && a.createdAt.getTime() < b.createdAt.getTime());
}

/**
 * The reserve (储备库): accepted proposals that no candidate grew from. A later cycle may carry
 * them into its own screening as accepted proposals of its own.
 */
@Injectable()
export class ReserveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
    private readonly audit: AuditService,
    private readonly proposalLists: ProposalListChanges,
  ) {}

  /** The cycle's accepted proposals that became no candidate, oldest first. */
  async reserve(cycleId: string, request: PageRequest): Promise<Page<ProposalView>> {
    await this.cycles.find(cycleId);
    const builder = proposalViewsQuery(this.dataSource.manager)
      .where('proposal.cycleId = :cycleId', { cycleId })
      .andWhere(`proposal.status = 'accepted'`)
      .andWhere('NOT EXISTS (SELECT 1 FROM candidate_sources s WHERE s.proposal_id = proposal.id)')
      .orderBy('proposal.createdAt', 'ASC')
      .addOrderBy('proposal.id', 'ASC')
      .offset(skipOf(request))
      .limit(request.pageSize);
    const [items, total] = await Promise.all([readViews(builder), builder.getCount()]);
    return pageOf(items, total, request);
  }

  /**
   * Carries reserve proposals of earlier cycles into a screening cycle as new accepted
   * proposals pointing back at their originals. All of them or none.
   */
  async carry(
    actor: AuthUser,
    targetCycleId: string,
    proposalIds: string[],
  ): Promise<ProposalView[]> {
    const ids = [...new Set(proposalIds)];
    try {
      const carried = await this.dataSource.transaction(async (manager) => {
        const target = await this.cycles.lockForShare(manager, targetCycleId);
        requirePhase(target, 'screening', {
          zh: '从储备库转入建议',
          en: 'carry proposals over from the reserve',
        });
        if (ids.length === 0) {
          return [];
        }
        const originals = await this.checkCarriable(manager, target, ids);
        const now = new Date();
        const copies = await manager.save(
          originals.map((original) =>
            manager.create(Proposal, {
              cycleId: target.id,
              authorId: original.authorId,
              title: original.title,
              category: original.category,
              description: original.description,
              location: original.location,
              anonymous: original.anonymous,
              status: 'accepted',
              reviewedBy: actor.id,
              reviewedAt: now,
              carriedFromId: original.id,
            }),
          ),
        );
        for (const copy of copies) {
          await this.audit.append(manager, {
            actorId: actor.id,
            action: 'proposal.carried_over',
            entityType: 'proposal',
            entityId: copy.id,
            details: {
              carriedFromId: copy.carriedFromId,
              fromCycleId: originals.find((original) => original.id === copy.carriedFromId)
                ?.cycleId,
              toCycleId: target.id,
            },
          });
        }
        const views = await readViews(
          proposalViewsQuery(manager).where('proposal.id IN (:...ids)', {
            ids: copies.map((copy) => copy.id),
          }),
        );
        const byId = new Map(views.map((view) => [view.id, view]));
        return copies.map((copy) => byId.get(copy.id)!);
      });
      this.proposalLists.changed(targetCycleId, 'membership');
      return carried;
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'uq_proposals_cycle_carried_from') {
        throw new AlreadyCarriedError();
      }
      throw error;
    }
  }

  /** Locks the originals and checks each is in the reserve of an earlier cycle, in the given order. */
  private async checkCarriable(
    manager: EntityManager,
    target: Cycle,
    ids: string[],
  ): Promise<Proposal[]> {
    // For update: a candidate drafted from one of them meanwhile (share lock) waits for us.
    const locked = await manager.find(Proposal, {
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(locked.map((proposal) => [proposal.id, proposal]));
    const cycles = new Map(
      (await manager.findBy(Cycle, { id: In([...new Set(locked.map((p) => p.cycleId))]) })).map(
        (cycle) => [cycle.id, cycle],
      ),
    );
    const used = new Set(
      (
        await manager.query<{ proposal_id: string }[]>(
          'SELECT proposal_id FROM candidate_sources WHERE proposal_id = ANY($1::uuid[])',
          [ids],
        )
      ).map((row) => row.proposal_id),
    );
    const carried = new Set(
      (
        await manager.query<{ carried_from_id: string }[]>(
          `SELECT carried_from_id FROM proposals
           WHERE cycle_id = $1 AND carried_from_id = ANY($2::uuid[])`,
          [target.id, ids],
        )
      ).map((row) => row.carried_from_id),
    );
    return ids.map((id) => {
      const proposal = byId.get(id);
      const refuse = (zh: string, en: string) => new NotInReserveError(id, { zh, en });
      if (!proposal) {
        throw refuse('建议不存在', 'no such proposal');
      }
      const from = cycles.get(proposal.cycleId)!;
      if (from.id === target.id || !isEarlierCycle(from, target)) {
        throw refuse(
          '须为更早年度储备库中的建议',
          'it must come from the reserve of an earlier cycle',
        );
      }
      if (proposal.status !== 'accepted') {
        throw refuse(
          `该建议状态为 ${proposal.status}，未被采纳`,
          `it is ${proposal.status}, not accepted`,
        );
      }
      if (used.has(id)) {
        throw refuse('该建议已成为候选项目', 'it became a candidate');
      }
      if (carried.has(id)) {
        throw new AlreadyCarriedError(id);
      }
      return proposal;
    });
  }
}
