import type {
  BallotKind,
  BallotResult,
  EvaluationBallotResult,
  EvaluationRating,
  PublishedBulletin,
  SelectionOutcome,
  SelectionStatus,
} from '@app/ballots';

export class CandidateResultResponse {
  candidateId: string;
  for: number;
  against: number;
  abstain: number;
  rank: number;
  outcome: SelectionOutcome;
}

export class RunoffResponse {
  /** The candidates tied across the last seat */
  candidateIds: string[];
  /** Seats the runoff fills */
  seats: number;
}

export class BallotResultResponse {
  ballotId: string;
  /** The cycle whose candidates the ballot decides */
  cycleId: string;
  kind: string;
  status: SelectionStatus;
  deputyCount: number;
  ballotsCast: number;
  validBallots: number;
  invalidBallots: number;
  /** Least number of ballots cast for the result to stand */
  quorumRequired: number;
  /** Least number of `for` votes that passes: floor(deputyCount / 2) + 1 */
  threshold: number;
  seats: number;
  seatsUnfilled: number;
  candidates: CandidateResultResponse[];
  selected: string[];
  /** When runoff_required: who ties and for how many seats */
  runoff: RunoffResponse | null;
  parentBallotId: string | null;
  /** This ballot's selected plus those its counted runoffs selected */
  finalSelected: string[];
  runoffBallotIds: string[];

  static from(result: BallotResult): BallotResultResponse {
    return Object.assign(new BallotResultResponse(), {
      ballotId: result.ballotId,
      cycleId: result.cycleId,
      kind: result.kind,
      status: result.status,
      deputyCount: result.deputyCount,
      ballotsCast: result.ballotsCast,
      validBallots: result.validBallots,
      invalidBallots: result.invalidBallots,
      quorumRequired: result.quorumRequired,
      threshold: result.threshold,
      seats: result.seats,
      seatsUnfilled: result.seatsUnfilled,
      candidates: result.candidates.map((candidate) => ({ ...candidate })),
      selected: result.selected,
      runoff: result.runoff,
      parentBallotId: result.parentBallotId,
      finalSelected: result.finalSelected,
      runoffBallotIds: result.runoffBallotIds,
    });
  }
}

export class ProjectRatingResponse {
  projectId: string;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  abstain: number;
  /** (satisfied + basically) / (satisfied + basically + unsatisfied); null when nobody rated */
  satisfactionRate: number | null;
  /** Counted against ALL deputies; null when the ballot is void */
  rating: EvaluationRating | null;
  /** Rated unsatisfied: the department owes a rectification (整改) */
  rectificationRequired: boolean;
}

/** 满意度测评 result. */
export class EvaluationResultResponse {
  ballotId: string;
  /** The cycle whose projects were rated */
  cycleId: string;
  kind: 'evaluation';
  status: 'final' | 'void';
  deputyCount: number;
  ballotsCast: number;
  validBallots: number;
  invalidBallots: number;
  quorumRequired: number;
  projects: ProjectRatingResponse[];

  static from(result: EvaluationBallotResult): EvaluationResultResponse {
    return Object.assign(new EvaluationResultResponse(), {
      ballotId: result.ballotId,
      cycleId: result.cycleId,
      kind: result.kind,
      status: result.status,
      deputyCount: result.deputyCount,
      ballotsCast: result.ballotsCast,
      validBallots: result.validBallots,
      invalidBallots: result.invalidBallots,
      quorumRequired: result.quorumRequired,
      projects: result.projects.map((project) => ({ ...project })),
    });
  }
}

/** The answer for either kind of result. */
export function resultResponse(
  result: BallotResult | EvaluationBallotResult,
): BallotResultResponse | EvaluationResultResponse {
  return result.kind === 'evaluation'
    ? EvaluationResultResponse.from(result as EvaluationBallotResult)
    : BallotResultResponse.from(result as BallotResult);
}

export class BulletinChoiceResponse {
  candidateId?: string;
  projectId?: string;
  mark: string;
}

export class BulletinBallotResponse {
  choices: BulletinChoiceResponse[];
}

export class BulletinPaperCountResponse {
  candidateId: string;
  for: number;
  against: number;
  abstain: number;
}

export class BulletinPaperTallyResponse {
  ballotsReturned: number;
  invalidBallots: number;
  counts: BulletinPaperCountResponse[];
}

export class BulletinResponse {
  kind: BallotKind;
  /** The cycle whose candidates or projects the ballots name */
  cycleId: string;
  /** Hashes of every counted receipt, sorted: find yours */
  receiptHashes: string[];
  /** The opened electronic ballots in random order, unlinked to anyone, for recounting */
  ballots: BulletinBallotResponse[];
  /** The confirmed paper counts that went into the result, added together; null without paper */
  paper: BulletinPaperTallyResponse | null;

  static from(bulletin: PublishedBulletin): BulletinResponse {
    return Object.assign(new BulletinResponse(), bulletin);
  }
}
