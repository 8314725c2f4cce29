import { countBallots } from './count-ballots.js';
import { SELECTION_MARKS, type SelectionMark } from './marks.js';
import { quorumRequired, threshold } from './quorum.js';

export interface SelectionSpec {
  readonly deputyCount: number;
  readonly seats: number;
  /** Fraction of all deputies who must cast a ballot, in (0, 1]. */
  readonly quorum: number;
  readonly candidateIds: readonly string[];
}

export interface SelectionChoice {
  readonly candidateId: string;
  readonly mark: SelectionMark;
}

/** A candidate the ballot does not list counts as an abstention. */
export interface SelectionBallot {
  readonly choices: readonly SelectionChoice[];
}

export interface CandidatePaperCount {
  readonly candidateId: string;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** An already-confirmed count of one paper ballot box. */
export interface PaperCount {
  readonly ballotsReturned: number;
  readonly invalidBallots: number;
  readonly counts: readonly CandidatePaperCount[];
}

export type SelectionStatus = 'final' | 'runoff_required' | 'void';
export type SelectionOutcome = 'selected' | 'not_selected' | 'below_threshold' | 'tied';

export interface CandidateResult {
  candidateId: string;
  for: number;
  against: number;
  abstain: number;
  /** Standard competition ranking by `for` over all candidates (1, 2, 2, 4). */
  rank: number;
  outcome: SelectionOutcome;
}

export interface SelectionResult {
  status: SelectionStatus;
  deputyCount: number;
  ballotsCast: number;
  validBallots: number;
  invalidBallots: number;
  quorumRequired: number;
  threshold: number;
  seats: number;
  seatsUnfilled: number;
  /** In spec order. */
  candidates: CandidateResult[];
  /** In rank order, then spec order. */
  selected: string[];
  runoff: { candidateIds: string[]; seats: number } | null;
}

interface Votes {
  candidateId: string;
  for: number;
}

function decide(ordered: readonly Votes[], seats: number, bar: number) {
  const passing = ordered.filter((c) => c.for >= bar);
  if (passing.length > seats && passing[seats - 1].for === passing[seats].for) {
    const tieAt = passing[seats].for;
    return {
      selected: passing.filter((c) => c.for > tieAt),
      tied: passing.filter((c) => c.for === tieAt),
    };
  }
  return { selected: passing.slice(0, seats), tied: [] };
}

export function tallySelection(
  spec: SelectionSpec,
  ballots: readonly SelectionBallot[],
  paper: readonly PaperCount[] = [],
): SelectionResult {
  const { deputyCount, seats, candidateIds } = spec;
  if (!Number.isInteger(seats) || seats < 1) {
    throw new RangeError(`seats must be a positive integer, got ${seats}`);
  }
  const required = quorumRequired(deputyCount, spec.quorum);
  const bar = threshold(deputyCount);
  const count = countBallots({
    ids: candidateIds,
    marks: SELECTION_MARKS,
    abstain: 'abstain',
    electronic: ballots.map((b) => b.choices.map((c) => ({ id: c.candidateId, mark: c.mark }))),
    paper: paper.map((sheet) => ({
      ...sheet,
      counts: sheet.counts.map(({ candidateId, ...marks }) => ({ id: candidateId, marks })),
    })),
    accept: (choices) => choices.filter((c) => c.mark === 'for').length <= seats,
  });

  const votes = candidateIds.map((candidateId, i) => ({ candidateId, ...count.marks[i] }));
  const ordered = votes
    .map((v, position) => ({ ...v, position }))
    .sort((a, b) => b.for - a.for || a.position - b.position);
  const isVoid = count.ballotsCast < required;
  const { selected, tied } = isVoid ? { selected: [], tied: [] } : decide(ordered, seats, bar);
  const selectedIds = new Set(selected.map((c) => c.candidateId));
  const tiedIds = new Set(tied.map((c) => c.candidateId));

  const outcome = (v: Votes): SelectionOutcome => {
    if (isVoid) {
      return 'not_selected';
    }
    if (selectedIds.has(v.candidateId)) {
      return 'selected';
    }
    if (tiedIds.has(v.candidateId)) {
      return 'tied';
    }
    return v.for < bar ? 'below_threshold' : 'not_selected';
  };

  return {
    status: isVoid ? 'void' : tied.length > 0 ? 'runoff_required' : 'final',
    deputyCount,
    ballotsCast: count.ballotsCast,
    validBallots: count.validBallots,
    invalidBallots: count.invalidBallots,
    quorumRequired: required,
    threshold: bar,
    seats,
    seatsUnfilled: tied.length > 0 ? 0 : seats - selected.length,
    candidates: votes.map((v) => ({
      ...v,
      rank: 1 + votes.filter((other) => other.for > v.for).length,
      outcome: outcome(v),
    })),
    selected: selected.map((c) => c.candidateId),
    // The tied group all share one `for` figure, so `ordered` already lists it in spec order.
    runoff:
      tied.length > 0
        ? { candidateIds: tied.map((c) => c.candidateId), seats: seats - selected.length }
        : null,
  };
}
