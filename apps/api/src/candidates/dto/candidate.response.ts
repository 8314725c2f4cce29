import type { CandidateView } from '@app/candidates';
import type { ProposalCategory } from '@app/proposals';

export class CandidateDepartmentResponse {
  id: string;
  name: string;
}

export class CandidateSourceResponse {
  id: string;
  title: string;
}

export class CandidateResponse {
  id: string;
  cycleId: string;
  title: string;
  category: ProposalCategory;
  summary: string;
  /** Measurable targets */
  targets: string[];
  /** Integer yuan */
  budget: number;
  /** 牵头单位 */
  leadDepartment: CandidateDepartmentResponse;
  /** The proposals it grew from (traceability) */
  sourceProposals: CandidateSourceResponse[];
  createdAt: Date;

  static from(candidate: CandidateView): CandidateResponse {
    return Object.assign(new CandidateResponse(), {
      id: candidate.id,
      cycleId: candidate.cycleId,
      title: candidate.title,
      category: candidate.category,
      summary: candidate.summary,
      targets: candidate.targets,
      // Budgets are accepted up to Number.MAX_SAFE_INTEGER, so the number is exact.
      budget: Number(candidate.budget),
      leadDepartment: { id: candidate.leadDepartmentId, name: candidate.leadDepartmentName },
      sourceProposals: candidate.sources.map((source) => ({ id: source.id, title: source.title })),
      createdAt: candidate.createdAt,
    });
  }
}
