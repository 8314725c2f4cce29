import type { Schemas } from '../api/client';

export type Category = Schemas['ProposalResponse']['category'];

/** Proposal and candidate categories, in the order forms and filters list them. */
export const CATEGORIES: Category[] = [
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
];
