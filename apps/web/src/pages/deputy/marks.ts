import type { Schemas } from '../../api/client';

export type Ballot = Schemas['BallotResponse'];
export type BallotKind = Ballot['kind'];

export const SELECTION_MARKS = ['for', 'against', 'abstain'] as const;
export const EVALUATION_MARKS = [
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'abstain',
] as const;
export type Mark = (typeof SELECTION_MARKS)[number] | (typeof EVALUATION_MARKS)[number];

/** The marks a ballot offers; an unmarked item is cast as `abstain` (SPEC: the default). */
export function marksOf(kind: BallotKind): readonly Mark[] {
  return kind === 'evaluation' ? EVALUATION_MARKS : SELECTION_MARKS;
}

/** How many `for` marks a set of marks holds: never more than the seats on a valid ballot. */
export function forCount(marks: Record<string, Mark | undefined>): number {
  return Object.values(marks).filter((mark) => mark === 'for').length;
}

/** The choices to send: every item of the ballot, unmarked ones as abstain. */
export function choicesOf(
  ballot: Ballot,
  marks: Record<string, Mark | undefined>,
): Schemas['ChoiceDto'][] {
  return ballot.candidates.map((item) => {
    const mark = marks[item.id] ?? 'abstain';
    return ballot.kind === 'evaluation'
      ? { projectId: item.id, mark }
      : { candidateId: item.id, mark };
  });
}
