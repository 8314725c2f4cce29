import type { ProposalCategory, ProposalStatus } from './proposal-category.js';

export interface NewProposal {
  title: string;
  category: ProposalCategory;
  description: string;
  location?: string | null;
  anonymous?: boolean;
}

export type ReviewDecision =
  | { decision: 'accept' }
  | { decision: 'reject'; reason?: string }
  | { decision: 'merge'; mergeIntoId?: string };

export interface ProposalQuery {
  page: number;
  pageSize: number;
  status?: ProposalStatus;
  category?: ProposalCategory;
  q?: string;
  sort?: 'supports' | 'recent';
  authorId?: string;
}
