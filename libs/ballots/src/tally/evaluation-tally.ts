import { countBallots } from './count-ballots.js';
import { EVALUATION_MARKS, type EvaluationMark } from './marks.js';
import { quorumRequired } from './quorum.js';

export interface EvaluationSpec {
  readonly deputyCount: number;
  /** Fraction of all deputies who must cast a ballot, in (0, 1]. */
  readonly quorum: number;
  readonly projectIds: readonly string[];
}

export interface EvaluationChoice {
  readonly projectId: string;
  readonly mark: EvaluationMark;
}

/** A project the ballot does not list counts as an abstention. */
export interface EvaluationBallot {
  readonly choices: readonly EvaluationChoice[];
}

export interface ProjectPaperCount {
  readonly projectId: string;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly unsatisfied: number;
  readonly abstain: number;
}

/** An already-confirmed count of one paper ballot box. */
export interface EvaluationPaperCount {
  readonly ballotsReturned: number;
  readonly invalidBallots: number;
  readonly counts: readonly ProjectPaperCount[];
}

export type EvaluationRating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export interface ProjectEvaluation {
  projectId: string;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  abstain: number;
  /** (satisfied + basically) / (those who gave an opinion), 4 decimals; null if nobody did. */
  satisfactionRate: number | null;
  /** Null when the ballot is void. */
  rating: EvaluationRating | null;
  rectificationRequired: boolean;
}

export interface EvaluationResult {
  status: 'final' | 'void';
  deputyCount: number;
  ballotsCast: number;
  validBallots: number;
  invalidBallots: number;
  quorumRequired: number;
  /** In spec order. */
  projects: ProjectEvaluation[];
}

type Counts = Pick<ProjectEvaluation, 'satisfied' | 'basicallySatisfied' | 'unsatisfied'>;

function satisfactionRate({ satisfied, basicallySatisfied, unsatisfied }: Counts): number | null {
  const opinions = satisfied + basicallySatisfied + unsatisfied;
  return opinions === 0
    ? null
    : Math.round(((satisfied + basicallySatisfied) / opinions) * 10_000) / 10_000;
}

// Counted against all deputies, like the selection threshold: abstaining does not help a project.
function rate(deputyCount: number, { satisfied, basicallySatisfied }: Counts): EvaluationRating {
  if (2 * satisfied > deputyCount) {
    return 'satisfied';
  }
  return 2 * (satisfied + basicallySatisfied) > deputyCount ? 'basically_satisfied' : 'unsatisfied';
}

export function tallyEvaluation(
  spec: EvaluationSpec,
  ballots: readonly EvaluationBallot[],
  paper: readonly EvaluationPaperCount[] = [],
): EvaluationResult {
  const { deputyCount, projectIds } = spec;
  const required = quorumRequired(deputyCount, spec.quorum);
  const count = countBallots({
    ids: projectIds,
    marks: EVALUATION_MARKS,
    abstain: 'abstain',
    electronic: ballots.map((b) => b.choices.map((c) => ({ id: c.projectId, mark: c.mark }))),
    paper: paper.map((sheet) => ({
      ...sheet,
      counts: sheet.counts.map(({ projectId, basicallySatisfied, ...rest }) => ({
        id: projectId,
        marks: { ...rest, basically_satisfied: basicallySatisfied },
      })),
    })),
    accept: () => true,
  });
  const isVoid = count.ballotsCast < required;

  return {
    status: isVoid ? 'void' : 'final',
    deputyCount,
    ballotsCast: count.ballotsCast,
    validBallots: count.validBallots,
    invalidBallots: count.invalidBallots,
    quorumRequired: required,
    projects: projectIds.map((projectId, i) => {
      const marks = count.marks[i];
      const counts = {
        satisfied: marks.satisfied,
        basicallySatisfied: marks.basically_satisfied,
        unsatisfied: marks.unsatisfied,
      };
      const rating = isVoid ? null : rate(deputyCount, counts);
      return {
        projectId,
        ...counts,
        abstain: marks.abstain,
        satisfactionRate: satisfactionRate(counts),
        rating,
        rectificationRequired: rating === 'unsatisfied',
      };
    }),
  };
}
