/** One mark on one item, whatever the ballot calls its items (candidates, projects). */
export interface Choice<M extends string> {
  readonly id: string;
  readonly mark: M;
}

export interface PaperTotals<M extends string> {
  readonly ballotsReturned: number;
  readonly invalidBallots: number;
  readonly counts: readonly { readonly id: string; readonly marks: Readonly<Record<M, number>> }[];
}

export interface BallotCount<M extends string> {
  readonly ballotsCast: number;
  readonly invalidBallots: number;
  readonly validBallots: number;
  /** Per item, in the order of the ids given. */
  readonly marks: readonly Readonly<Record<M, number>>[];
}

export interface BallotBox<M extends string> {
  readonly ids: readonly string[];
  readonly marks: readonly M[];
  readonly abstain: M;
  readonly electronic: readonly (readonly Choice<M>[])[];
  readonly paper: readonly PaperTotals<M>[];
  /** Rules beyond well-formedness, e.g. no more `for` marks than seats. */
  readonly accept: (choices: readonly Choice<M>[]) => boolean;
}

const isCount = (value: number) => Number.isInteger(value) && value >= 0;

function wellFormed<M extends string>(
  choices: readonly Choice<M>[],
  known: ReadonlyMap<string, unknown>,
  marks: readonly M[],
): boolean {
  const seen = new Set<string>();
  for (const { id, mark } of choices) {
    if (!known.has(id) || seen.has(id) || !marks.includes(mark)) {
      return false;
    }
    seen.add(id);
  }
  return true;
}

/**
 * Adds electronic ballots and confirmed paper counts. An electronic ballot naming an unknown or
 * repeated item, using an unknown mark or failing `accept` is invalid and counts for nothing else;
 * an item it leaves out counts as an abstention.
 */
export function countBallots<M extends string>(box: BallotBox<M>): BallotCount<M> {
  const { ids, marks, abstain } = box;
  const byId = new Map(
    ids.map((id) => [id, Object.fromEntries(marks.map((m) => [m, 0])) as Record<M, number>]),
  );
  if (byId.size !== ids.length) {
    throw new RangeError('item ids must be distinct');
  }
  const totals = [...byId.values()];

  let invalid = 0;
  for (const choices of box.electronic) {
    if (!wellFormed(choices, byId, marks) || !box.accept(choices)) {
      invalid += 1;
      continue;
    }
    for (const { id, mark } of choices) {
      const counts = byId.get(id);
      if (counts) {
        counts[mark] += 1;
      }
    }
  }
  const validElectronic = box.electronic.length - invalid;
  for (const counts of totals) {
    const listed = marks.reduce((sum, mark) => sum + counts[mark], 0);
    counts[abstain] += validElectronic - listed;
  }

  let cast = box.electronic.length;
  for (const sheet of box.paper) {
    if (
      !isCount(sheet.ballotsReturned) ||
      !isCount(sheet.invalidBallots) ||
      sheet.invalidBallots > sheet.ballotsReturned
    ) {
      throw new RangeError('a paper count needs 0 ≤ invalidBallots ≤ ballotsReturned');
    }
    cast += sheet.ballotsReturned;
    invalid += sheet.invalidBallots;
    const seen = new Set<string>();
    for (const row of sheet.counts) {
      const counts = byId.get(row.id);
      if (!counts || seen.has(row.id)) {
        throw new RangeError(`a paper count names ${row.id} unknown or twice`);
      }
      seen.add(row.id);
      for (const mark of marks) {
        if (!isCount(row.marks[mark])) {
          throw new RangeError(`a paper count for ${row.id} has a bad ${mark} figure`);
        }
        counts[mark] += row.marks[mark];
      }
    }
  }
  return {
    ballotsCast: cast,
    invalidBallots: invalid,
    validBallots: cast - invalid,
    marks: totals,
  };
}
