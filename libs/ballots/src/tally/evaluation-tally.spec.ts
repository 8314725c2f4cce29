import {
  tallyEvaluation,
  type EvaluationBallot,
  type EvaluationPaperCount,
  type EvaluationSpec,
} from './evaluation-tally.js';
import type { EvaluationMark } from './marks.js';
import { DEFAULT_QUORUM } from './quorum.js';

const ballot = (marks: Record<string, EvaluationMark>): EvaluationBallot => ({
  choices: Object.entries(marks).map(([projectId, mark]) => ({ projectId, mark })),
});
const times = (n: number, b: EvaluationBallot) => Array.from({ length: n }, () => b);
/** Ten ballots on project p with the given numbers of each mark; the rest abstain. */
const ten = (satisfied: number, basically: number, unsatisfied: number) => [
  ...times(satisfied, ballot({ p: 'satisfied' })),
  ...times(basically, ballot({ p: 'basically_satisfied' })),
  ...times(unsatisfied, ballot({ p: 'unsatisfied' })),
  ...times(10 - satisfied - basically - unsatisfied, ballot({})),
];
const spec: EvaluationSpec = { deputyCount: 10, quorum: DEFAULT_QUORUM, projectIds: ['p'] };
const project = (ballots: EvaluationBallot[]) => tallyEvaluation(spec, ballots).projects[0];

describe('tallyEvaluation', () => {
  it.each([
    { marks: [6, 0, 4], rating: 'satisfied' },
    { marks: [5, 1, 4], rating: 'basically_satisfied' },
    { marks: [5, 0, 5], rating: 'unsatisfied' },
    { marks: [0, 6, 0], rating: 'basically_satisfied' },
    { marks: [3, 2, 0], rating: 'unsatisfied' },
  ] as const)('rates $marks of 10 deputies $rating', ({ marks: [s, b, u], rating }) => {
    expect(project(ten(s, b, u))).toMatchObject({
      satisfied: s,
      basicallySatisfied: b,
      unsatisfied: u,
      abstain: 10 - s - b - u,
      rating,
      rectificationRequired: rating === 'unsatisfied',
    });
  });

  it('rates against all deputies, so abstentions do not help', () => {
    // 5 of the 5 with an opinion are satisfied, but that is not more than half of ten.
    const p = project(ten(5, 0, 0));
    expect(p.satisfactionRate).toBe(1);
    expect(p).toMatchObject({ rating: 'unsatisfied', rectificationRequired: true });
  });

  it('gives the satisfaction rate over those with an opinion, to 4 decimals', () => {
    expect(project(ten(5, 1, 4)).satisfactionRate).toBe(0.6);
    expect(project(ten(1, 1, 1)).satisfactionRate).toBe(0.6667);
    expect(project(ten(0, 0, 3)).satisfactionRate).toBe(0);
  });

  it('has no satisfaction rate when everyone abstains', () => {
    expect(project(ten(0, 0, 0))).toMatchObject({
      satisfactionRate: null,
      rating: 'unsatisfied',
      rectificationRequired: true,
    });
  });

  it('is void under the quorum: no rating, no rectification, counts kept', () => {
    const result = tallyEvaluation(spec, times(6, ballot({ p: 'unsatisfied' })));
    expect(result).toMatchObject({ status: 'void', ballotsCast: 6, quorumRequired: 7 });
    expect(result.projects[0]).toMatchObject({
      unsatisfied: 6,
      rating: null,
      rectificationRequired: false,
    });
    expect(tallyEvaluation(spec, times(7, ballot({ p: 'unsatisfied' }))).status).toBe('final');
    expect(tallyEvaluation({ ...spec, quorum: 0.5 }, times(5, ballot({}))).status).toBe('final');
  });

  it('rates each project on its own, in spec order', () => {
    const result = tallyEvaluation({ ...spec, projectIds: ['q', 'p'] }, [
      ...times(6, ballot({ p: 'satisfied', q: 'unsatisfied' })),
      ...times(4, ballot({ q: 'basically_satisfied' })),
    ]);
    expect(result.projects.map((p) => [p.projectId, p.rating, p.abstain])).toEqual([
      ['q', 'unsatisfied', 0],
      ['p', 'satisfied', 4],
    ]);
  });

  it.each([
    { reason: 'an unknown project', choices: [{ projectId: 'x', mark: 'satisfied' }] },
    {
      reason: 'a repeated project',
      choices: [
        { projectId: 'p', mark: 'satisfied' },
        { projectId: 'p', mark: 'unsatisfied' },
      ],
    },
    { reason: 'an unknown mark', choices: [{ projectId: 'p', mark: 'great' }] },
  ])('counts a ballot with $reason as invalid and nothing else', ({ choices }) => {
    const valid = ten(6, 0, 0);
    const result = tallyEvaluation(spec, [...valid, { choices } as EvaluationBallot]);
    expect(result).toMatchObject({ ballotsCast: 11, invalidBallots: 1, validBallots: 10 });
    expect(result.projects).toEqual(tallyEvaluation(spec, valid).projects);
  });

  it('adds paper counts, a missing project contributing nothing', () => {
    const paper: EvaluationPaperCount[] = [
      {
        ballotsReturned: 4,
        invalidBallots: 1,
        counts: [
          { projectId: 'p', satisfied: 2, basicallySatisfied: 1, unsatisfied: 0, abstain: 0 },
        ],
      },
      { ballotsReturned: 2, invalidBallots: 2, counts: [] },
    ];
    const result = tallyEvaluation(
      { ...spec, deputyCount: 12, projectIds: ['p', 'q'] },
      times(3, ballot({ p: 'satisfied', q: 'unsatisfied' })),
      paper,
    );
    expect(result).toMatchObject({
      status: 'final',
      ballotsCast: 9,
      invalidBallots: 3,
      validBallots: 6,
      quorumRequired: 8,
    });
    // 6 of 12 deputies content is not more than half.
    expect(result.projects[0]).toMatchObject({
      satisfied: 5,
      basicallySatisfied: 1,
      abstain: 0,
      rating: 'unsatisfied',
    });
    expect(result.projects[1]).toMatchObject({ unsatisfied: 3, abstain: 0 });
  });
});
