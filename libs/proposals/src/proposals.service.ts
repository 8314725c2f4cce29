import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { pageOf, skipOf, type AuthUser, type Page, type PageRequest } from '@app/common';
import { CyclesService, requirePhase } from '@app/cycles';
import { EventType, OutboxService } from '@app/outbox';
import type { NewProposal, ProposalQuery, ReviewDecision } from './proposal-input.js';
import { ProposalFiler, type Filing } from './filing/proposal-filer.js';
import { queryPrepared } from './prepared-query.js';
import { PROPOSAL_COLUMNS } from './proposal-columns.js';
import { ProposalListChanges } from './list-cache/proposal-list-changes.js';
import { ShortLivedCache } from './list-cache/short-lived-cache.js';
import { proposalViewsQuery, readViews, type ProposalView } from './proposal-views.js';
import { Proposal } from './proposal.entity.js';
import {
  AlreadyReviewedError,
  InvalidMergeTargetError,
  MergeTargetRequiredError,
  NotAuthorError,
  ProposalNotFoundError,
  RejectReasonRequiredError,
} from './proposals.errors.js';
import { ranked, SimilarTitles, type SimilarProposal } from './similar/similar-titles.service.js';

const LIST_ORDER = {
  supports: 'p.support_count DESC, p.id ASC',
  recent: 'p.created_at DESC, p.id ASC',
} as const;

/**
 * Pages of a list are reused for 1 s and their totals for 2 s (counting 100,000 rows is the dear
 * part); both are forgotten at once when this process changes the cycle.
 */
const PAGE_TTL_MS = 1_000;
const TOTAL_TTL_MS = 2_000;

@Injectable()
export class ProposalsService {
  private readonly logger = new Logger(ProposalsService.name);
  private readonly pages: ShortLivedCache<Page<ProposalView>>;
  private readonly totals: ShortLivedCache<number>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ProposalListChanges,
    private readonly cycles: CyclesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly similarTitles: SimilarTitles,
    private readonly filer: ProposalFiler,
  ) {
    this.pages = new ShortLivedCache(changes, { ttlMs: PAGE_TTL_MS, watching: 'contents' });
    this.totals = new ShortLivedCache(changes, { ttlMs: TOTAL_TTL_MS, watching: 'membership' });
  }

  /** Files a proposal while the cycle is collecting, and finds up to 5 that look alike. */
  async submit(
    actor: AuthUser,
    cycleId: string,
    input: NewProposal,
  ): Promise<{ proposal: Proposal; similar: SimilarProposal[] }> {
    const title = input.title.trim();
    // Looked for before filing (so the new proposal is not among them) when this process already
    // holds the cycle's titles; a cycle's titles are first read only once a submit succeeds, so a
    // refused one (unknown cycle, wrong phase) never loads them.
    const nearest = await this.similarTitles
      .nearestIfIndexed(cycleId, title)
      .catch((error: unknown) => this.noLookAlikes(error, null));
    const filing: Filing = {
      cycleId,
      authorId: actor.id,
      title,
      category: input.category,
      description: input.description.trim(),
      location: input.location?.trim() || null,
      anonymous: input.anonymous ?? false,
      similarIds: (nearest ?? []).map((hit) => hit.id),
    };
    let row = await this.filer.file(filing);
    while (!row) {
      // Nothing filed: say why. Should the cycle have just moved from draft to collecting,
      // try again; phases only move forward, so that happens at most once.
      const cycle = await this.cycles.find(cycleId);
      requirePhase(cycle, 'collecting', { zh: '提交建议', en: 'submit proposals' });
      row = await this.filer.file(filing);
    }
    this.changes.changed(cycleId, 'membership');
    const { similarRows, ...columns } = row;
    const proposal = Object.assign(new Proposal(), columns);
    this.similarTitles.remember(cycleId, proposal.id, proposal.title);
    const similar = nearest
      ? ranked(nearest, similarRows)
      : await this.similarTitles
          .find(cycleId, proposal.title, proposal.id)
          .catch((error: unknown) => this.noLookAlikes(error, []));
    return { proposal, similar };
  }

  /**
   * Look-alikes are a suggestion: should the search fail, a submit goes on without them rather
   * than be refused, or answer an error once filed (which a retry would file twice).
   */
  private noLookAlikes<T>(error: unknown, none: T): T {
    this.logger.warn(
      `相似建议查找失败，提交照常 / Look-alike search failed, submit goes on: ${(error as Error).message}`,
    );
    return none;
  }

  /** Up to 5 proposals of the cycle whose titles look like `title`, before filing it. */
  async similar(cycleId: string, title: string): Promise<SimilarProposal[]> {
    // An unknown cycle is refused before the index would keep an empty entry for it.
    await this.cycles.find(cycleId);
    return this.similarTitles.find(cycleId, title.trim(), null);
  }

  /** The author's own proposals, newest first: of one cycle, or of every cycle. */
  async listByAuthor(
    authorId: string,
    request: PageRequest & { cycleId?: string },
  ): Promise<Page<ProposalView>> {
    const query = proposalViewsQuery(this.dataSource.manager).where(
      'proposal.authorId = :authorId',
      { authorId },
    );
    if (request.cycleId) {
      query.andWhere('proposal.cycleId = :cycleId', { cycleId: request.cycleId });
    }
    const [items, total] = await Promise.all([
      readViews(
        query
          .clone()
          .orderBy('proposal.createdAt', 'DESC')
          .addOrderBy('proposal.id', 'ASC')
          .offset(skipOf(request))
          .limit(request.pageSize),
      ),
      query.getCount(),
    ]);
    return pageOf(items, total, request);
  }

  async get(id: string): Promise<ProposalView> {
    const [view] = await readViews(
      proposalViewsQuery(this.dataSource.manager).where('proposal.id = :id', { id }),
    );
    if (!view) {
      throw new ProposalNotFoundError();
    }
    return view;
  }

  /**
   * A page of the cycle's proposals: one query for the page (author names and candidate ids
   * included), and a join-free count for the total. Pages are reused for 1 s and totals for 2 s
   * (see ShortLivedCache): a popular cycle's first page is asked for far more often than it
   * changes, and this process's own writes are seen at once.
   */
  list(cycleId: string, query: ProposalQuery): Promise<Page<ProposalView>> {
    const filters = [
      cycleId,
      query.status ?? null,
      query.category ?? null,
      query.q ?? null,
      query.authorId ?? null,
    ];
    const pageKey = JSON.stringify([...filters, query.sort ?? null, query.page, query.pageSize]);
    return this.pages.get(cycleId, pageKey, () =>
      this.readPage(cycleId, query, JSON.stringify(filters)),
    );
  }

  private async readPage(
    cycleId: string,
    query: ProposalQuery,
    totalKey: string,
  ): Promise<Page<ProposalView>> {
    const params: unknown[] = [cycleId];
    const where = ['p.cycle_id = $1'];
    const filter = (condition: (param: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.status) {
      filter((param) => `p.status = ${param}`, query.status);
    }
    if (query.category) {
      filter((param) => `p.category = ${param}`, query.category);
    }
    if (query.authorId) {
      filter((param) => `p.author_id = ${param}`, query.authorId);
    }
    if (query.q) {
      const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
      filter((param) => `(p.title ILIKE ${param} OR p.description ILIKE ${param})`, like);
    }
    const conditions = where.join(' AND ');
    const offset = skipOf(query);
    const order = LIST_ORDER[query.sort === 'supports' ? 'supports' : 'recent'];
    // The page's ids first, so that the rows skipped by OFFSET are read from the index alone
    // (and joined to nothing); only the page's own rows are read whole, with their extras.
    const pageSql = `WITH page AS (
        SELECT p.id FROM proposals p
        WHERE ${conditions}
        ORDER BY ${order}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}
      )
      SELECT ${PROPOSAL_COLUMNS}, coalesce(u.display_name, '') AS "authorName",
        ARRAY(SELECT s.candidate_id FROM candidate_sources s WHERE s.proposal_id = p.id)
          AS "candidateIds"
      FROM page JOIN proposals p USING (id) LEFT JOIN users u ON u.id = p.author_id
      ORDER BY ${order}`;
    const [rows, counted] = await Promise.all([
      queryPrepared<ProposalView>(this.dataSource, pageSql, [...params, query.pageSize, offset]),
      this.totals.get(cycleId, totalKey, async () => {
        const [{ total }] = await this.dataSource.query<{ total: number }[]>(
          `SELECT count(*)::int AS total FROM proposals p WHERE ${conditions}`,
          params,
        );
        return total;
      }),
    ]);
    if (rows.length === 0) {
      // An empty page may mean there is no such cycle: only then is it worth asking.
      await this.cycles.find(cycleId);
    }
    const items = rows.map((row) => Object.assign(new Proposal(), row));
    return pageOf(items, agreeingTotal(counted, offset, items.length, query.pageSize), query);
  }

  /** The author takes back a proposal nobody has reviewed yet. */
  async withdraw(actor: AuthUser, id: string): Promise<Proposal> {
    const withdrawn = await this.dataSource.transaction(async (manager) => {
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
    this.changes.changed(withdrawn.cycleId, 'membership');
    return withdrawn;
  }

  /** Screening: accept, reject with a public reason, or merge into another proposal of the cycle. */
  async review(actor: AuthUser, id: string, decision: ReviewDecision): Promise<Proposal> {
    if (decision.decision === 'reject' && !decision.reason?.trim()) {
      throw new RejectReasonRequiredError();
    }
    if (decision.decision === 'merge' && !decision.mergeIntoId) {
      throw new MergeTargetRequiredError();
    }
    const reviewed = await this.dataSource.transaction(async (manager) => {
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
    this.changes.changed(reviewed.cycleId, 'membership');
    return reviewed;
  }
}

/**
 * The total to answer with a page: a short page tells the exact total by itself; otherwise the
 * counted (possibly cached) total, never contradicting the rows at hand.
 */
function agreeingTotal(counted: number, offset: number, rows: number, pageSize: number): number {
  if ((rows > 0 && rows < pageSize) || (rows === 0 && offset === 0)) {
    return offset + rows;
  }
  return rows === 0 ? Math.min(counted, offset) : Math.max(counted, offset + rows);
}
