import type { ProposalCategory } from '@app/proposals';

export interface NewCandidate {
  title: string;
  category: ProposalCategory;
  summary: string;
  /** Measurable targets, 1–20 of 1–200 characters each. */
  targets: string[];
  /** Integer yuan, 0 to Number.MAX_SAFE_INTEGER. */
  budget: number;
  leadDepartmentId: string;
  /** The accepted proposals of the cycle it grows from, at least one. */
  sourceProposalIds: string[];
}

/** The fields to change; `sourceProposalIds` replaces the whole list. */
export type CandidateChanges = Partial<NewCandidate>;
