export const SELECTION_MARKS = ['for', 'against', 'abstain'] as const;
export type SelectionMark = (typeof SELECTION_MARKS)[number];

export const EVALUATION_MARKS = [
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'abstain',
] as const;
export type EvaluationMark = (typeof EVALUATION_MARKS)[number];
