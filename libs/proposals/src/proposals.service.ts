import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { pageOf, skipOf, type AuthUser, type Page } from '@app/common';
import { CyclesService, requirePhase } from '@app/cycles';
import { EventType, OutboxService } from '@app/outbox';
import type { NewProposal, ProposalQuery, ReviewDecision } from './proposal-input.js';
import { Proposal } from './proposal.entity.js';
import {
  AlreadyReviewedError,
  InvalidMergeTargetError,
  MergeTargetRequiredError,
  NotAuthorError,
  ProposalNotFoundError,
  RejectReasonRequiredError,
} from './proposals.errors.js';
import { findSimilarProposals, type SimilarProposal } from './similar-proposals.js';

/** A proposal with its author's display name, for the answer to decide who may see it. */
export type ProposalView = Proposal & { authorName: string };

@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** Files a proposal while the cycle is collecting, and finds up to 5 that look alike. */
  async submit(
    actor: AuthUser,
    cycleId: string,
    input: NewProposal,
  ): Promise<{ proposal: Proposal; similar: SimilarProposal[] }> {
    return this.dataSource.transaction(async (manager) => {
      const cycle = await this.cycles.lockForShare(manager, cycleId);
      requirePhase(cycle, 'collecting', { zh: '提交建议', en: 'submit proposals' });
      const proposal = await manager.save(
        manager.create(Proposal, {
          cycleId,
          authorId: actor.id,
          title: input.title.trim(),
          category: input.category,
          description: input.description.trim(),
          location: input.location?.trim() || null,
          anonymous: input.anonymous ?? false,
        }),
      );
      const similar = await findSimilarProposals(manager, cycleId, proposal, proposal.id);
      return { proposal, similar };
    });
  }

  async get(id: string): Promise<ProposalView> {
    const [view] = await this.views()
      .andWhere('proposal.id = :id', { id })
      .getRawAndEntities()
      .then(({ entities, raw }) => attachNames(entities, raw as AuthorNameRow[]));
    if (!view) {
      throw new ProposalNotFoundError();
    }
    return view;
  }

  async list(cycleId: string, query: ProposalQuery): Promise<Page<ProposalView>> {
    await this.cycles.find(cycleId);
    const builder = this.views().andWhere('proposal.cycleId = :cycleId', { cycleId });
    if (query.status) {
      builder.andWhere('proposal.status = :status', { status: query.status });
    }
    if (query.category) {
      builder.andWhere('proposal.category = :category', { category: query.category });
    }
    if (query.authorId) {
      builder.andWhere('proposal.authorId = :authorId', { authorId: query.authorId });
    }
    if (query.q) {
      builder.andWhere('(proposal.title ILIKE :q OR proposal.description ILIKE :q)', {
        q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    if (query.sort === 'supports') {
      builder.orderBy('proposal.supportCount', 'DESC');
    } else {
      builder.orderBy('proposal.createdAt', 'DESC');
    }
    builder.addOrderBy('proposal.id', 'ASC').offset(skipOf(query)).limit(query.pageSize);
    const [{ entities, raw }, total] = await Promise.all([
      builder.getRawAndEntities(),
      builder.getCount(),
    ]);
    return pageOf(attachNames(entities, raw as AuthorNameRow[]), total, query);
  }

  /** The author takes back a proposal nobody has reviewed yet. */
  async withdraw(actor: AuthUser, id: string): Promise<Proposal> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOne(Proposal, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!proposal) {
        throw new ProposalNotFoundError();
      }
      if (proposal.authorId !== actor.id) {
        throw new NotAuthorError();
      }
      if (proposal.status !== 'submitted') {
        throw new AlreadyReviewedError(proposal.status);
      }
      proposal.status = 'withdrawn';
      return manager.save(proposal);
    });
  }

  /** Screening: accept, reject with a public reason, or merge into another proposal of the cycle. */
  async review(actor: AuthUser, id: string, decision: ReviewDecision): Promise<Proposal> {
    if (decision.decision === 'reject' && !decision.reason?.trim()) {
      throw new RejectReasonRequiredError();
    }
    if (decision.decision === 'merge' && !decision.mergeIntoId) {
      throw new MergeTargetRequiredError();
    }
    return this.dataSource.transaction(async (manager) => {
      // The proposal and its merge target are locked together, in id order: two proposals
      // merged into each other at once neither deadlock nor both succeed.
      const mergeIntoId = decision.decision === 'merge' ? decision.mergeIntoId! : null;
      const locked = await manager.find(Proposal, {
        where: { id: In(mergeIntoId ? [id, mergeIntoId] : [id]) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const proposal = locked.find((row) => row.id === id);
      if (!proposal) {
        throw new ProposalNotFoundError();
      }
      const cycle = await this.cycles.lockForShare(manager, proposal.cycleId);
      requirePhase(cycle, 'screening', { zh: '审查建议', en: 'review proposals' });
      if (proposal.status !== 'submitted') {
        throw new AlreadyReviewedError(proposal.status);
      }
      if (decision.decision === 'merge') {
        const target = locked.find((row) => row.id === mergeIntoId);
        if (!target || target.cycleId !== proposal.cycleId) {
          throw new InvalidMergeTargetError({
            zh: '须为同一年度的建议',
            en: 'it must be a proposal of the same cycle',
          });
        }
        if (target.id === proposal.id || !['submitted', 'accepted'].includes(target.status)) {
          throw new InvalidMergeTargetError({
            zh: '目标须为待审或已采纳的其他建议',
            en: 'it must be another submitted or accepted proposal',
          });
        }
        proposal.mergedIntoId = target.id;
      }
      proposal.status = ({ accept: 'accepted', reject: 'rejected', merge: 'merged' } as const)[
        decision.decision
      ];
      proposal.rejectReason = decision.decision === 'reject' ? decision.reason!.trim() : null;
      proposal.reviewedBy = actor.id;
      proposal.reviewedAt = new Date();
      const saved = await manager.save(proposal);
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'proposal.reviewed',
        entityType: 'proposal',
        entityId: id,
        details: { decision: decision.decision, mergeIntoId: saved.mergedIntoId },
      });
      await this.outbox.publish(manager, EventType.ProposalReviewed, { proposalId: id });
      return saved;
    });
  }

  private views() {
    return this.dataSource
      .getRepository(Proposal)
      .createQueryBuilder('proposal')
      .leftJoin('users', 'author', 'author.id = proposal.author_id')
      .addSelect('author.display_name', 'author_name');
  }
}

interface AuthorNameRow {
  proposal_id: string;
  author_name: string;
}

function attachNames(entities: Proposal[], raw: AuthorNameRow[]): ProposalView[] {
  const names = new Map(raw.map((row) => [row.proposal_id, row.author_name]));
  return entities.map((proposal) =>
    Object.assign(proposal, { authorName: names.get(proposal.id) ?? '' }),
  );
}
