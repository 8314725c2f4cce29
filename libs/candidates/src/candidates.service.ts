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
import { CandidatesFrozenError, CyclesService, requirePhase, type Cycle } from '@app/cycles';
import { Proposal, ProposalListChanges } from '@app/proposals';
import { Department } from '@app/users';
import type { CandidateChanges, NewCandidate } from './candidate-input.js';
import { mayDraftFor, mayViewCandidates, normalizeCandidateChanges } from './candidate-rules.js';
import { CandidateSource } from './candidate-source.entity.js';
import { Candidate } from './candidate.entity.js';
import {
  CandidateNotFoundError,
  CandidatesNotPublicError,
  InvalidSourceProposalError,
  NotLeadDepartmentError,
  SourceAlreadyUsedError,
  UnknownLeadDepartmentError,
} from './candidates.errors.js';

export interface CandidateSourceView {
  id: string;
  title: string;
}

/** A candidate with its lead department's name and the proposals it grew from. */
export type CandidateView = Candidate & {
  leadDepartmentName: string;
  sources: CandidateSourceView[];
};

interface LockedSources {
  /** As asked, in order. */
  ids: string[];
  found: Map<string, Proposal>;
}

const EDIT_LIST = { zh: '修改候选项目', en: 'change candidates' };

@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
    private readonly audit: AuditService,
    /** Proposals show the candidates they became: their lists must hear of every change. */
    private readonly proposalLists: ProposalListChanges,
  ) {}

  /** Drafts a candidate from accepted proposals of the cycle, while it is screening. */
  async create(actor: AuthUser, cycleId: string, input: NewCandidate): Promise<CandidateView> {
    const fields = normalizeCandidateChanges(input);
    if (!mayDraftFor(actor, fields.leadDepartmentId)) {
      throw new NotLeadDepartmentError();
    }
    const created = await this.writing(async (manager) => {
      const sources = await this.lockSources(manager, fields.sourceProposalIds);
      await this.lockEditableList(manager, cycleId);
      await this.requireDepartment(manager, fields.leadDepartmentId);
      await this.checkSources(manager, cycleId, sources, null);
      const candidate = await manager.save(
        manager.create(Candidate, {
          cycleId,
          title: fields.title,
          category: fields.category,
          summary: fields.summary,
          targets: fields.targets,
          budget: String(fields.budget),
          leadDepartmentId: fields.leadDepartmentId,
          createdBy: actor.id,
        }),
      );
      await this.insertSources(manager, candidate.id, fields.sourceProposalIds);
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'candidate.created',
        entityType: 'candidate',
        entityId: candidate.id,
        details: {
          cycleId,
          title: candidate.title,
          budget: candidate.budget,
          leadDepartmentId: candidate.leadDepartmentId,
          sourceProposalIds: fields.sourceProposalIds,
        },
      });
      return this.view(manager, candidate);
    });
    this.proposalLists.changed(cycleId, 'contents');
    return created;
  }

  /** Changes a candidate while the list is editable; `sourceProposalIds` replaces the sources. */
  async update(actor: AuthUser, id: string, changes: CandidateChanges): Promise<CandidateView> {
    const fields = normalizeCandidateChanges(changes);
    const updated = await this.writing(async (manager) => {
      const candidate = await this.lockCandidate(manager, id);
      if (
        !mayDraftFor(actor, candidate.leadDepartmentId) ||
        (fields.leadDepartmentId !== undefined && !mayDraftFor(actor, fields.leadDepartmentId))
      ) {
        throw new NotLeadDepartmentError();
      }
      const sources = fields.sourceProposalIds
        ? await this.lockSources(manager, fields.sourceProposalIds)
        : null;
      await this.lockEditableList(manager, candidate.cycleId);
      if (
        fields.leadDepartmentId !== undefined &&
        fields.leadDepartmentId !== candidate.leadDepartmentId
      ) {
        await this.requireDepartment(manager, fields.leadDepartmentId);
        candidate.leadDepartmentId = fields.leadDepartmentId;
      }
      if (sources) {
        await this.checkSources(manager, candidate.cycleId, sources, id);
        await manager.delete(CandidateSource, { candidateId: id });
        await this.insertSources(manager, id, sources.ids);
      }
      candidate.title = fields.title ?? candidate.title;
      candidate.category = fields.category ?? candidate.category;
      candidate.summary = fields.summary ?? candidate.summary;
      candidate.targets = fields.targets ?? candidate.targets;
      candidate.budget = fields.budget !== undefined ? String(fields.budget) : candidate.budget;
      const saved = await manager.save(candidate);
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'candidate.updated',
        entityType: 'candidate',
        entityId: id,
        details: {
          cycleId: candidate.cycleId,
          changed: Object.keys(fields).sort(),
          ...(fields.budget !== undefined ? { budget: saved.budget } : {}),
          ...(fields.leadDepartmentId !== undefined
            ? { leadDepartmentId: saved.leadDepartmentId }
            : {}),
          ...(fields.sourceProposalIds !== undefined
            ? { sourceProposalIds: fields.sourceProposalIds }
            : {}),
        },
      });
      return this.view(manager, saved);
    });
    this.proposalLists.changed(updated.cycleId, 'contents');
    return updated;
  }

  /** Removes a candidate while the list is editable; its proposals return to the reserve. */
  async delete(actor: AuthUser, id: string): Promise<void> {
    const cycleId = await this.dataSource.transaction(async (manager) => {
      const candidate = await this.lockCandidate(manager, id);
      if (!mayDraftFor(actor, candidate.leadDepartmentId)) {
        throw new NotLeadDepartmentError();
      }
      await this.lockEditableList(manager, candidate.cycleId);
      const sources = await manager.findBy(CandidateSource, { candidateId: id });
      await manager.delete(Candidate, { id });
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'candidate.deleted',
        entityType: 'candidate',
        entityId: id,
        details: {
          cycleId: candidate.cycleId,
          title: candidate.title,
          sourceProposalIds: sources.map((source) => source.proposalId),
        },
      });
      return candidate.cycleId;
    });
    this.proposalLists.changed(cycleId, 'contents');
  }

  /** The cycle's candidates in drafting order, if the viewer may see the list yet. */
  async list(
    viewer: AuthUser | undefined,
    cycleId: string,
    request: PageRequest,
  ): Promise<Page<CandidateView>> {
    this.requireVisible(viewer, await this.cycles.find(cycleId));
    const [candidates, total] = await this.dataSource.getRepository(Candidate).findAndCount({
      where: { cycleId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: skipOf(request),
      take: request.pageSize,
    });
    return pageOf(await this.views(this.dataSource.manager, candidates), total, request);
  }

  /** One candidate, if the viewer may see its cycle's list yet. */
  async get(viewer: AuthUser | undefined, id: string): Promise<CandidateView> {
    const candidate = await this.dataSource.getRepository(Candidate).findOneBy({ id });
    if (!candidate) {
      throw new CandidateNotFoundError();
    }
    this.requireVisible(viewer, await this.cycles.find(candidate.cycleId));
    return this.view(this.dataSource.manager, candidate);
  }

  /** The candidate a proposal grew into, or null. No visibility check: for internal callers. */
  async forProposal(proposalId: string): Promise<CandidateView | null> {
    const source = await this.dataSource.getRepository(CandidateSource).findOneBy({ proposalId });
    if (!source) {
      return null;
    }
    const candidate = await this.dataSource
      .getRepository(Candidate)
      .findOneByOrFail({ id: source.candidateId });
    return this.view(this.dataSource.manager, candidate);
  }

  private requireVisible(viewer: AuthUser | undefined, cycle: Cycle): void {
    if (!mayViewCandidates(viewer, cycle.phase)) {
      throw new CandidatesNotPublicError();
    }
  }

  /**
   * Runs a write; the unique index on candidate_sources.proposal_id has the last word on
   * whether a proposal is still free when two drafts claim it at once.
   */
  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'uq_candidate_sources_proposal') {
        throw new SourceAlreadyUsedError();
      }
      throw error;
    }
  }

  /**
   * Holds the cycle row for share until commit: the move to balloting counts candidates under
   * FOR UPDATE, so it waits for this write and this write cannot land after the count.
   */
  private async lockEditableList(manager: EntityManager, cycleId: string): Promise<Cycle> {
    const cycle = await this.cycles.lockForShare(manager, cycleId);
    requirePhase(cycle, 'screening', EDIT_LIST);
    if (cycle.candidatesFrozenAt !== null) {
      throw new CandidatesFrozenError();
    }
    return cycle;
  }

  private async lockCandidate(manager: EntityManager, id: string): Promise<Candidate> {
    const candidate = await manager.findOne(Candidate, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!candidate) {
      throw new CandidateNotFoundError();
    }
    return candidate;
  }

  private async requireDepartment(manager: EntityManager, id: string): Promise<void> {
    if (!(await manager.existsBy(Department, { id }))) {
      throw new UnknownLeadDepartmentError();
    }
  }

  /**
   * Share-locks the source proposals, before the cycle as a review does (proposal, then cycle),
   * so the two never wait on each other crosswise; a reserve carry-over (which locks them for
   * update) waits meanwhile.
   */
  private async lockSources(manager: EntityManager, ids: string[]): Promise<LockedSources> {
    const proposals = await manager.find(Proposal, {
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_read' },
    });
    return { ids, found: new Map(proposals.map((proposal) => [proposal.id, proposal])) };
  }

  /** Every source must be an accepted proposal of the cycle that no other candidate uses. */
  private async checkSources(
    manager: EntityManager,
    cycleId: string,
    sources: LockedSources,
    candidateId: string | null,
  ): Promise<void> {
    for (const id of sources.ids) {
      const proposal = sources.found.get(id);
      if (!proposal) {
        throw new InvalidSourceProposalError(id, { zh: '建议不存在', en: 'no such proposal' });
      }
      if (proposal.cycleId !== cycleId) {
        throw new InvalidSourceProposalError(id, {
          zh: '须为同一年度的建议',
          en: 'it must be a proposal of the same cycle',
        });
      }
      if (proposal.status !== 'accepted') {
        throw new InvalidSourceProposalError(id, {
          zh: `该建议状态为 ${proposal.status}，须为已采纳`,
          en: `it is ${proposal.status}, not accepted`,
        });
      }
    }
    const [taken] = await manager.query<{ proposal_id: string }[]>(
      `SELECT proposal_id FROM candidate_sources
       WHERE proposal_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR candidate_id <> $2::uuid)
       LIMIT 1`,
      [sources.ids, candidateId],
    );
    if (taken) {
      throw new SourceAlreadyUsedError(taken.proposal_id);
    }
  }

  private async insertSources(
    manager: EntityManager,
    candidateId: string,
    proposalIds: string[],
  ): Promise<void> {
    await manager.insert(
      CandidateSource,
      proposalIds.map((proposalId) => ({ candidateId, proposalId })),
    );
  }

  private async view(manager: EntityManager, candidate: Candidate): Promise<CandidateView> {
    const [view] = await this.views(manager, [candidate]);
    return view;
  }

  private async views(manager: EntityManager, candidates: Candidate[]): Promise<CandidateView[]> {
    if (candidates.length === 0) {
      return [];
    }
    const departments = await manager.findBy(Department, {
      id: In([...new Set(candidates.map((candidate) => candidate.leadDepartmentId))]),
    });
    const names = new Map(departments.map((department) => [department.id, department.name]));
    const rows = await manager.query<{ candidate_id: string; id: string; title: string }[]>(
      `SELECT s.candidate_id, p.id, p.title
       FROM candidate_sources s JOIN proposals p ON p.id = s.proposal_id
       WHERE s.candidate_id = ANY($1::uuid[])
       ORDER BY p.created_at, p.id`,
      [candidates.map((candidate) => candidate.id)],
    );
    const sources = new Map<string, CandidateSourceView[]>();
    for (const row of rows) {
      sources.set(row.candidate_id, [
        ...(sources.get(row.candidate_id) ?? []),
        { id: row.id, title: row.title },
      ]);
    }
    return candidates.map((candidate) =>
      Object.assign(candidate, {
        leadDepartmentName: names.get(candidate.leadDepartmentId) ?? '',
        sources: sources.get(candidate.id) ?? [],
      }),
    );
  }
}
