export const PROPOSAL_CATEGORIES = [
  'environment',
  'healthcare',
  'social_security',
  'employment',
  'education',
  'elderly_care',
  'childcare',
  'transport',
  'housing',
  'water',
  'food_safety',
  'culture_sports',
  'public_safety',
  'other',
] as const;

export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];

export const PROPOSAL_STATUSES = [
  'submitted',
  'accepted',
  'merged',
  'rejected',
  'withdrawn',
] as const;

export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
