import type { BallotKind } from './ballot-kind.js';

export interface NewBallot {
  kind: BallotKind;
  seats?: number;
  candidateIds?: string[];
  projectIds?: string[];
  quorum?: number;
  opensAt?: Date | null;
  closesAt?: Date | null;
  parentBallotId?: string | null;
  scrutineers?: number;
  sharesRequired?: number;
}

export const BALLOT_DEFAULTS = { quorum: 2 / 3, scrutineers: 3, sharesRequired: 2 } as const;
