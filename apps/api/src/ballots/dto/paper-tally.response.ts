import type { PaperTally } from '@app/ballots';
import { BulletinPaperCountResponse } from './ballot-result.response.js';

export class PaperTallyResponse {
  id: string;
  ballotId: string;
  ballotsIssued: number;
  ballotsReturned: number;
  invalidBallots: number;
  counts: BulletinPaperCountResponse[];
  enteredBy: string;
  enteredAt: Date;
  /** null until a second secretariat user confirms; only confirmed counts are tallied */
  confirmedBy: string | null;
  confirmedAt: Date | null;

  static from(tally: PaperTally): PaperTallyResponse {
    return Object.assign(new PaperTallyResponse(), {
      id: tally.id,
      ballotId: tally.ballotId,
      ballotsIssued: tally.ballotsIssued,
      ballotsReturned: tally.ballotsReturned,
      invalidBallots: tally.invalidBallots,
      counts: tally.counts,
      enteredBy: tally.enteredBy,
      enteredAt: tally.enteredAt,
      confirmedBy: tally.confirmedBy,
      confirmedAt: tally.confirmedAt,
    });
  }
}

export class PaperVotersResponse {
  /** Deputies now recorded as voting on paper */
  recorded: number;
}
