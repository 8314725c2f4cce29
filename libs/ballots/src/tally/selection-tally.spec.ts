import { DEFAULT_QUORUM } from './quorum.js';
import {
  tallySelection,
  type PaperCount,
  type SelectionBallot,
  type SelectionResult,
  type SelectionSpec,
} from './selection-tally.js';

const vote = (forIds: string[], againstIds: string[] = []): SelectionBallot => ({
  choices: [
    ...forIds.map((candidateId) => ({ candidateId, mark: 'for' as const })),
    ...againstIds.map((candidateId) => ({ candidateId, mark: 'against' as const })),
  ],
});
const times = (n: number, ballot: SelectionBallot) => Array.from({ length: n }, () => ballot);
const spec = (over: Partial<SelectionSpec> & Pick<SelectionSpec, 'candidateIds'>) => ({
  deputyCount: 10,
  seats: 1,
  quorum: DEFAULT_QUORUM,
  ...over,
});
const candidate = (result: SelectionResult, id: string) =>
  result.candidates.find((c) => c.candidateId === id);
const outcomes = (result: SelectionResult) =>
  Object.fromEntries(result.candidates.map((c) => [c.candidateId, c.outcome]));

describe('tallySelection', () => {
  it('selects 10 of 12 by votes for, ranking ties alike and keeping spec order', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `c${i + 1}`);
    const [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12] = ids;
    const result = tallySelection(spec({ deputyCount: 20, seats: 10, candidateIds: ids }), [
      ...times(8, vote([c1, c2, c3, c4, c5, c6, c7, c8, c9, c10], [c11, c12])),
      ...times(6, vote([c1, c2, c3, c4, c5, c6, c7, c8, c11, c12], [c9, c10])),
      ...times(5, vote([c3, c4, c5, c6, c7, c8, c9, c10, c11, c12], [c1, c2])),
      vote([]),
    ]);

    expect(result).toMatchObject({
      status: 'final',
      ballotsCast: 20,
      validBallots: 20,
      invalidBallots: 0,
      quorumRequired: 14,
      threshold: 11,
      seatsUnfilled: 0,
      runoff: null,
    });
    expect(result.candidates.map((c) => c.candidateId)).toEqual(ids);
    expect(result.selected).toEqual([c3, c4, c5, c6, c7, c8, c1, c2, c9, c10]);
    expect(candidate(result, c1)).toEqual({
      candidateId: c1,
      for: 14,
      against: 5,
      abstain: 1,
      rank: 7,
      outcome: 'selected',
    });
    expect(candidate(result, c3)).toMatchObject({ for: 19, against: 0, abstain: 1, rank: 1 });
    expect(candidate(result, c9)).toMatchObject({ for: 13, against: 6, rank: 9 });
    // Exactly at the threshold yet outside the seats.
    expect(candidate(result, c12)).toEqual({
      candidateId: c12,
      for: 11,
      against: 8,
      abstain: 1,
      rank: 11,
      outcome: 'not_selected',
    });
  });

  it('calls a runoff when a tie straddles the last seat, for the seats left', () => {
    const result = tallySelection(spec({ seats: 2, candidateIds: ['d', 'c', 'a', 'b'] }), [
      ...times(4, vote(['a', 'b'])),
      ...times(4, vote(['a', 'c'])),
      ...times(2, vote(['b', 'c'])),
    ]);

    expect(result.status).toBe('runoff_required');
    expect(result.selected).toEqual(['a']);
    expect(result.runoff).toEqual({ candidateIds: ['c', 'b'], seats: 1 });
    expect(result.seatsUnfilled).toBe(0);
    expect(outcomes(result)).toEqual({ a: 'selected', b: 'tied', c: 'tied', d: 'below_threshold' });
    expect(result.candidates.map((c) => [c.candidateId, c.for, c.rank])).toEqual([
      ['d', 0, 4],
      ['c', 6, 2],
      ['a', 8, 1],
      ['b', 6, 2],
    ]);
  });

  it('puts the whole tied group into the runoff when it is larger than the seats left', () => {
    const result = tallySelection(spec({ seats: 3, candidateIds: ['a', 'b', 'c', 'd'] }), [
      ...times(3, vote(['a', 'b', 'c'])),
      ...times(3, vote(['a', 'b', 'd'])),
      ...times(3, vote(['a', 'c', 'd'])),
      vote(['a']),
    ]);

    expect(result.status).toBe('runoff_required');
    expect(result.selected).toEqual(['a']);
    expect(result.runoff).toEqual({ candidateIds: ['b', 'c', 'd'], seats: 2 });
  });

  it('selects both of a tie that lies wholly inside the seats', () => {
    const result = tallySelection(spec({ seats: 2, candidateIds: ['a', 'b', 'c'] }), [
      ...times(4, vote(['a', 'b'])),
      ...times(3, vote(['a', 'c'])),
      ...times(3, vote(['b', 'c'])),
    ]);

    expect(result.status).toBe('final');
    expect(result.selected).toEqual(['a', 'b']);
    expect(result.runoff).toBeNull();
    expect(result.candidates.map((c) => [c.for, c.rank, c.outcome])).toEqual([
      [7, 1, 'selected'],
      [7, 1, 'selected'],
      [6, 3, 'not_selected'],
    ]);
  });

  it('needs more than half of all deputies, not of those voting', () => {
    const result = tallySelection(spec({ deputyCount: 20, seats: 2, candidateIds: ['a', 'b'] }), [
      ...times(10, vote(['a', 'b'])),
      vote(['b'], ['a']),
      ...times(3, vote([], ['a', 'b'])),
    ]);
    const a = candidate(result, 'a');

    expect(result.ballotsCast).toBe(14);
    expect(a).toMatchObject({ for: 10, against: 4, outcome: 'below_threshold' });
    expect(2 * (a?.for ?? 0)).toBeGreaterThan(result.validBallots);
    expect(candidate(result, 'b')).toMatchObject({ for: 11, outcome: 'selected' });
    expect(result).toMatchObject({ status: 'final', selected: ['b'], seatsUnfilled: 1 });
  });

  describe('quorum', () => {
    const nine = spec({ deputyCount: 9, candidateIds: ['a'] });

    it('is met by exactly two thirds of the deputies', () => {
      const result = tallySelection(nine, times(6, vote(['a'])));
      expect(result).toMatchObject({ status: 'final', quorumRequired: 6, selected: ['a'] });
    });

    it('voids the ballot one short, still reporting the counts', () => {
      const result = tallySelection(nine, times(5, vote(['a'])));
      expect(result).toMatchObject({
        status: 'void',
        ballotsCast: 5,
        selected: [],
        seatsUnfilled: 1,
        runoff: null,
      });
      expect(result.candidates).toEqual([
        { candidateId: 'a', for: 5, against: 0, abstain: 0, rank: 1, outcome: 'not_selected' },
      ]);
    });

    it('counts invalid ballots as cast', () => {
      const result = tallySelection(nine, [...times(5, vote(['a'])), vote(['x'])]);
      expect(result).toMatchObject({ status: 'final', invalidBallots: 1, selected: ['a'] });
    });

    it('follows a custom fraction', () => {
      const half = { ...nine, quorum: 0.5 };
      expect(tallySelection(half, times(5, vote(['a']))).status).toBe('final');
      expect(tallySelection(half, times(4, vote(['a']))).status).toBe('void');
      const all = { ...nine, quorum: 1 };
      expect(tallySelection(all, times(9, vote(['a']))).status).toBe('final');
      expect(tallySelection(all, times(8, vote(['a']))).status).toBe('void');
    });

    it('voids an empty ballot box', () => {
      expect(tallySelection(nine, []).status).toBe('void');
    });
  });

  it('leaves seats unfilled when fewer candidates pass than there are seats', () => {
    const result = tallySelection(spec({ seats: 3, candidateIds: ['a', 'b', 'c', 'd'] }), [
      ...times(6, vote(['a', 'b'])),
      ...times(4, vote(['c', 'd'])),
    ]);
    expect(result).toMatchObject({
      status: 'final',
      selected: ['a', 'b'],
      seatsUnfilled: 1,
      runoff: null,
    });
    expect(outcomes(result)).toMatchObject({ c: 'below_threshold', d: 'below_threshold' });
  });

  describe('with as many candidates as seats (等额)', () => {
    const equal = spec({ seats: 3, candidateIds: ['a', 'b', 'c'] });

    it('selects every candidate that passes the threshold', () => {
      const result = tallySelection(equal, [
        ...times(7, vote(['a', 'b', 'c'])),
        ...times(3, vote(['a', 'b'], ['c'])),
      ]);
      expect(result).toMatchObject({
        status: 'final',
        selected: ['a', 'b', 'c'],
        seatsUnfilled: 0,
      });
    });

    it('still rejects one below the threshold', () => {
      const result = tallySelection(equal, [
        ...times(5, vote(['a', 'b', 'c'])),
        ...times(5, vote(['a', 'b'], ['c'])),
      ]);
      expect(result).toMatchObject({ status: 'final', selected: ['a', 'b'], seatsUnfilled: 1 });
      expect(candidate(result, 'c')).toMatchObject({ for: 5, outcome: 'below_threshold' });
    });

    it('needs no runoff when all tie', () => {
      const result = tallySelection(equal, times(8, vote(['a', 'b', 'c'])));
      expect(result).toMatchObject({ status: 'final', selected: ['a', 'b', 'c'] });
    });
  });

  describe('invalid ballots', () => {
    const two = spec({ seats: 2, candidateIds: ['a', 'b', 'c'] });
    const valid = [vote(['a', 'b']), vote(['a'], ['b', 'c']), vote([], ['a', 'b', 'c'])];

    it.each([
      { reason: 'more for marks than seats', ballot: vote(['a', 'b', 'c']) },
      { reason: 'an unknown candidate', ballot: vote(['a', 'x']) },
      { reason: 'a candidate named twice', ballot: vote(['a'], ['a']) },
      { reason: 'a candidate marked for twice', ballot: vote(['b', 'b']) },
      {
        reason: 'an unknown mark',
        ballot: { choices: [{ candidateId: 'a', mark: 'yes' }] } as unknown as SelectionBallot,
      },
    ])('are counted apart: $reason', ({ ballot }) => {
      const without = tallySelection(two, [...valid, ...times(4, vote([]))]);
      const withIt = tallySelection(two, [...valid, ...times(4, vote([])), ballot]);

      expect(withIt.ballotsCast).toBe(without.ballotsCast + 1);
      expect(withIt.invalidBallots).toBe(1);
      expect(withIt.validBallots).toBe(without.validBallots);
      expect(withIt.candidates).toEqual(without.candidates);
    });

    it('leave only valid ballots in the counts', () => {
      const result = tallySelection(two, [
        ...valid,
        vote(['a', 'b', 'c']),
        vote(['x']),
        vote(['a'], ['a']),
        vote(['c', 'c']),
      ]);
      expect(result).toMatchObject({ ballotsCast: 7, invalidBallots: 4, validBallots: 3 });
      expect(result.candidates.map((c) => [c.for, c.against, c.abstain])).toEqual([
        [2, 1, 0],
        [1, 2, 0],
        [0, 2, 1],
      ]);
    });
  });

  describe('paper counts', () => {
    const thirty = spec({ deputyCount: 30, candidateIds: ['a', 'b'] });
    const electronic = [...times(8, vote(['a'], ['b'])), ...times(2, vote(['b']))];
    const paper: PaperCount[] = [
      {
        ballotsReturned: 6,
        invalidBallots: 1,
        counts: [
          { candidateId: 'a', for: 4, against: 1, abstain: 0 },
          { candidateId: 'b', for: 1, against: 3, abstain: 1 },
        ],
      },
      {
        ballotsReturned: 7,
        invalidBallots: 0,
        counts: [{ candidateId: 'a', for: 5, against: 1, abstain: 1 }],
      },
    ];

    it('add to the electronic ballots', () => {
      const result = tallySelection(thirty, electronic, paper);
      expect(result).toMatchObject({
        status: 'final',
        ballotsCast: 23,
        invalidBallots: 1,
        validBallots: 22,
        threshold: 16,
        selected: ['a'],
      });
      expect(result.candidates.map((c) => [c.for, c.against, c.abstain])).toEqual([
        [17, 2, 3],
        [3, 11, 1],
      ]);
      expect(tallySelection(thirty, electronic).status).toBe('void');
    });

    it('must name known candidates once and keep invalid within returned', () => {
      const row = { for: 1, against: 0, abstain: 0 };
      const bad: PaperCount[][] = [
        [{ ballotsReturned: 1, invalidBallots: 0, counts: [{ candidateId: 'x', ...row }] }],
        [
          {
            ballotsReturned: 1,
            invalidBallots: 0,
            counts: [
              { candidateId: 'a', ...row },
              { candidateId: 'a', ...row },
            ],
          },
        ],
        [{ ballotsReturned: 1, invalidBallots: 2, counts: [] }],
        [
          {
            ballotsReturned: 1,
            invalidBallots: 0,
            counts: [{ candidateId: 'a', ...row, for: -1 }],
          },
        ],
      ];
      for (const sheets of bad) {
        expect(() => tallySelection(thirty, electronic, sheets)).toThrow(RangeError);
      }
    });
  });

  it('rejects a malformed spec', () => {
    expect(() => tallySelection(spec({ seats: 0, candidateIds: ['a'] }), [])).toThrow(RangeError);
    expect(() => tallySelection(spec({ candidateIds: ['a', 'a'] }), [])).toThrow(RangeError);
    expect(() => tallySelection(spec({ deputyCount: 0, candidateIds: ['a'] }), [])).toThrow(
      RangeError,
    );
  });
});
