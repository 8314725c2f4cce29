import fc from 'fast-check';
import {
  tallyEvaluation,
  type EvaluationBallot,
  type EvaluationPaperCount,
  type EvaluationSpec,
} from './evaluation-tally.js';
import { EVALUATION_MARKS, SELECTION_MARKS } from './marks.js';
import { DEFAULT_QUORUM, quorumRequired } from './quorum.js';
import {
  tallySelection,
  type PaperCount,
  type SelectionBallot,
  type SelectionSpec,
} from './selection-tally.js';

const UNKNOWN = 'zz';
const idsArb = fc.uniqueArray(fc.stringMatching(/^[a-y]{1,2}$/), { minLength: 1, maxLength: 6 });
const quorumArb = fc.oneof(
  fc.constant(DEFAULT_QUORUM),
  fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
);
const exactly = (n: number) => ({ minLength: n, maxLength: n });
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Mostly well-formed ballots with at most `seats` for marks; now and then anything at all. */
const selectionBallotArb = (ids: string[], seats: number): fc.Arbitrary<SelectionBallot> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .shuffledSubarray(ids, { maxLength: Math.min(seats, ids.length) })
        .chain((fors) => {
          const rest = ids.filter((id) => !fors.includes(id));
          return fc.shuffledSubarray(rest).chain((others) =>
            fc
              .array(
                fc.constantFrom('against' as const, 'abstain' as const),
                exactly(others.length),
              )
              .map((marks) => ({
                choices: [
                  ...fors.map((candidateId) => ({ candidateId, mark: 'for' as const })),
                  ...others.map((candidateId, i) => ({ candidateId, mark: marks[i] })),
                ],
              })),
          );
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.record({
            candidateId: fc.constantFrom(...ids, UNKNOWN),
            mark: fc.constantFrom(...SELECTION_MARKS),
          }),
          { maxLength: ids.length + 2 },
        )
        .map((choices) => ({ choices })),
    },
  );

/** A consistent paper count: every item's marks add up to the valid paper ballots. */
const paperArb = <T>(ids: string[], marks: number, row: (id: string, counts: number[]) => T) =>
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).chain(([x, y]) => {
    const [invalidBallots, ballotsReturned] = [Math.min(x, y), Math.max(x, y)];
    const valid = ballotsReturned - invalidBallots;
    return fc
      .array(fc.array(fc.integer({ min: 0, max: valid }), exactly(marks - 1)), exactly(ids.length))
      .map((cutsPerId) => ({
        ballotsReturned,
        invalidBallots,
        counts: ids.map((id, i) => {
          const cuts = [0, ...cutsPerId[i].sort((a, b) => a - b), valid];
          return row(
            id,
            cuts.slice(1).map((cut, j) => cut - cuts[j]),
          );
        }),
      }));
  });

const selectionScenarioArb = idsArb
  .chain((candidateIds) =>
    fc.record({
      candidateIds: fc.constant(candidateIds),
      seats: fc.integer({ min: 1, max: candidateIds.length + 1 }),
      deputyCount: fc.integer({ min: 1, max: 12 }),
      quorum: quorumArb,
    }),
  )
  .chain((spec: SelectionSpec) =>
    fc.record({
      spec: fc.constant(spec),
      ballots: fc.array(selectionBallotArb([...spec.candidateIds], spec.seats), {
        maxLength: spec.deputyCount,
      }),
      paper: fc.array(
        paperArb([...spec.candidateIds], 3, (candidateId, [f, against, abstain]) => ({
          candidateId,
          for: f,
          against,
          abstain,
        })),
        { maxLength: 2 },
      ),
    }),
  )
  .chain((s) =>
    fc
      .shuffledSubarray(s.ballots, exactly(s.ballots.length))
      .map((shuffled) => ({ ...s, shuffled })),
  );

function invalidOracle(spec: SelectionSpec, ballot: SelectionBallot): boolean {
  const ids = ballot.choices.map((c) => c.candidateId);
  return (
    ids.some((id) => !spec.candidateIds.includes(id)) ||
    new Set(ids).size !== ids.length ||
    ballot.choices.filter((c) => c.mark === 'for').length > spec.seats
  );
}

describe('selection tally properties', () => {
  const check = (
    predicate: (s: {
      spec: SelectionSpec;
      ballots: SelectionBallot[];
      paper: PaperCount[];
      shuffled: SelectionBallot[];
    }) => void,
  ) => fc.assert(fc.property(selectionScenarioArb, predicate), { numRuns: 300 });

  it('generates every status, so the properties below are not vacuous', () => {
    const statuses = new Set(
      fc
        .sample(selectionScenarioArb, 2000)
        .map((s) => tallySelection(s.spec, s.ballots, s.paper).status),
    );
    expect([...statuses].sort()).toEqual(['final', 'runoff_required', 'void']);
  });

  it('accounts for every ballot', () => {
    check(({ spec, ballots, paper }) => {
      const r = tallySelection(spec, ballots, paper);
      expect(r.ballotsCast).toBe(ballots.length + sum(paper.map((p) => p.ballotsReturned)));
      expect(r.invalidBallots).toBe(
        ballots.filter((b) => invalidOracle(spec, b)).length +
          sum(paper.map((p) => p.invalidBallots)),
      );
      expect(r.validBallots + r.invalidBallots).toBe(r.ballotsCast);
      for (const c of r.candidates) {
        expect(c.for + c.against + c.abstain).toBe(r.validBallots);
      }
    });
  });

  it('is void exactly when fewer ballots are cast than the quorum requires', () => {
    check(({ spec, ballots, paper }) => {
      const r = tallySelection(spec, ballots, paper);
      expect(r.status === 'void').toBe(
        r.ballotsCast < quorumRequired(spec.deputyCount, spec.quorum),
      );
      if (r.status === 'void') {
        expect(r).toMatchObject({ selected: [], runoff: null, seatsUnfilled: spec.seats });
        expect(r.candidates.every((c) => c.outcome === 'not_selected')).toBe(true);
      }
    });
  });

  it('fills no more seats than there are, each with a candidate past the threshold', () => {
    check(({ spec, ballots, paper }) => {
      const r = tallySelection(spec, ballots, paper);
      if (r.status === 'void') {
        return;
      }
      expect(r.selected.length).toBeLessThanOrEqual(spec.seats);
      expect(r.selected.length + (r.runoff?.seats ?? 0) + r.seatsUnfilled).toBe(spec.seats);
      for (const c of r.candidates) {
        expect(c.outcome === 'selected').toBe(r.selected.includes(c.candidateId));
        expect(c.outcome === 'tied').toBe(r.runoff?.candidateIds.includes(c.candidateId) ?? false);
        expect(c.outcome === 'below_threshold').toBe(c.for < r.threshold);
      }
    });
  });

  it('calls a runoff exactly when equal votes straddle the last seat', () => {
    check(({ spec, ballots, paper }) => {
      const r = tallySelection(spec, ballots, paper);
      if (r.status === 'void') {
        return;
      }
      const passing = r.candidates.filter((c) => c.for >= r.threshold).map((c) => c.for);
      passing.sort((a, b) => b - a);
      const straddles =
        passing.length > spec.seats && passing[spec.seats - 1] === passing[spec.seats];
      expect(r.status === 'runoff_required').toBe(straddles);
      if (r.runoff) {
        const tied = r.candidates.filter((c) => c.outcome === 'tied');
        expect(new Set(tied.map((c) => c.for)).size).toBe(1);
        expect(r.runoff.seats).toBeGreaterThanOrEqual(1);
        expect(r.runoff.seats).toBeLessThan(r.runoff.candidateIds.length);
        expect(r.seatsUnfilled).toBe(0);
      }
    });
  });

  it('orders selected above tied above the rest, and ranks by votes for', () => {
    check(({ spec, ballots, paper }) => {
      const r = tallySelection(spec, ballots, paper);
      const votes = (outcome: string) =>
        r.candidates.filter((c) => c.outcome === outcome).map((c) => c.for);
      const [selected, tied, passedOver] = [
        votes('selected'),
        votes('tied'),
        votes('not_selected'),
      ];
      expect(Math.min(...selected)).toBeGreaterThan(Math.max(...tied, ...passedOver));
      expect(Math.min(...tied)).toBeGreaterThan(Math.max(...passedOver));
      const forOf = new Map(r.candidates.map((c) => [c.candidateId, c.for]));
      const selectedVotes = r.selected.map((id) => forOf.get(id) ?? -1);
      expect(selectedVotes).toEqual([...selectedVotes].sort((a, b) => b - a));
      for (const c of r.candidates) {
        expect(c.rank).toBe(1 + r.candidates.filter((o) => o.for > c.for).length);
      }
    });
  });

  it('does not depend on the order of the ballots', () => {
    check(({ spec, ballots, paper, shuffled }) => {
      expect(tallySelection(spec, shuffled, [...paper].reverse())).toEqual(
        tallySelection(spec, ballots, paper),
      );
    });
  });
});

const evaluationBallotArb = (ids: string[]): fc.Arbitrary<EvaluationBallot> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.shuffledSubarray(ids).chain((listed) =>
        fc.array(fc.constantFrom(...EVALUATION_MARKS), exactly(listed.length)).map((marks) => ({
          choices: listed.map((projectId, i) => ({ projectId, mark: marks[i] })),
        })),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.record({
            projectId: fc.constantFrom(...ids, UNKNOWN),
            mark: fc.constantFrom(...EVALUATION_MARKS),
          }),
          { maxLength: ids.length + 2 },
        )
        .map((choices) => ({ choices })),
    },
  );

const evaluationScenarioArb = fc
  .record({ projectIds: idsArb, deputyCount: fc.integer({ min: 1, max: 12 }), quorum: quorumArb })
  .chain((spec: EvaluationSpec) =>
    fc.record({
      spec: fc.constant(spec),
      ballots: fc.array(evaluationBallotArb([...spec.projectIds]), {
        maxLength: spec.deputyCount,
      }),
      paper: fc.array(
        paperArb([...spec.projectIds], 4, (projectId, [satisfied, b, unsatisfied, abstain]) => ({
          projectId,
          satisfied,
          basicallySatisfied: b,
          unsatisfied,
          abstain,
        })),
        { maxLength: 2 },
      ),
    }),
  )
  .chain((s) =>
    fc
      .shuffledSubarray(s.ballots, exactly(s.ballots.length))
      .map((shuffled) => ({ ...s, shuffled })),
  );

describe('evaluation tally properties', () => {
  const check = (
    predicate: (s: {
      spec: EvaluationSpec;
      ballots: EvaluationBallot[];
      paper: EvaluationPaperCount[];
      shuffled: EvaluationBallot[];
    }) => void,
  ) => fc.assert(fc.property(evaluationScenarioArb, predicate), { numRuns: 300 });

  it('accounts for every ballot and is void exactly under the quorum', () => {
    check(({ spec, ballots, paper }) => {
      const r = tallyEvaluation(spec, ballots, paper);
      expect(r.ballotsCast).toBe(ballots.length + sum(paper.map((p) => p.ballotsReturned)));
      expect(r.validBallots + r.invalidBallots).toBe(r.ballotsCast);
      expect(r.status === 'void').toBe(
        r.ballotsCast < quorumRequired(spec.deputyCount, spec.quorum),
      );
      for (const p of r.projects) {
        expect(p.satisfied + p.basicallySatisfied + p.unsatisfied + p.abstain).toBe(r.validBallots);
      }
    });
  });

  it('rates against all deputies and asks rectification only of the unsatisfied', () => {
    check(({ spec, ballots, paper }) => {
      const r = tallyEvaluation(spec, ballots, paper);
      const n = spec.deputyCount;
      for (const p of r.projects) {
        const content = p.satisfied + p.basicallySatisfied;
        expect(p.rectificationRequired).toBe(p.rating === 'unsatisfied');
        expect(p.rating === null).toBe(r.status === 'void');
        expect(p.rating === 'satisfied').toBe(r.status === 'final' && 2 * p.satisfied > n);
        expect(p.rating === 'unsatisfied').toBe(r.status === 'final' && 2 * content <= n);
        const opinions = content + p.unsatisfied;
        if (opinions === 0) {
          expect(p.satisfactionRate).toBeNull();
        } else {
          expect(p.satisfactionRate).toBeCloseTo(content / opinions, 4);
        }
      }
    });
  });

  it('does not depend on the order of the ballots', () => {
    check(({ spec, ballots, paper, shuffled }) => {
      expect(tallyEvaluation(spec, shuffled, [...paper].reverse())).toEqual(
        tallyEvaluation(spec, ballots, paper),
      );
    });
  });
});
