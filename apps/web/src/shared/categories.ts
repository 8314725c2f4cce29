import type { Schemas } from '../api/client';

type Category = Schemas['ProposalResponse']['category'];

/**
 * The list as given, refused by the compiler while it lacks a category of the API's (from the
 * generated schema), so a category added to the API cannot be silently missing here.
 */
function everyCategory<const T extends readonly Category[]>(
  list: T & ([Exclude<Category, T[number]>] extends [never] ? unknown : 'a category is missing'),
): readonly Category[] {
  return list;
}

/** Proposal and candidate categories, in the order forms and filters list them. */
export const CATEGORIES = everyCategory([
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
]);
