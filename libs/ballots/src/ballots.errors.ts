import { DomainError, NotFoundError } from '@app/common';
import { BALLOT_STATUS_NAMES, type BallotStatus } from './ballot-kind.js';

export class BallotNotFoundError extends NotFoundError {
  constructor() {
    super('Ballot', '投票');
  }
}

export class InvalidBallotInputError extends DomainError {
  constructor(message: { zh: string; en: string }) {
    super('ballot.invalid_input', 'unprocessable', `${message.zh} / ${message.en}`);
  }
}

/** The ballot is not in the status the action needs. */
export class WrongBallotStatusError extends DomainError {
  constructor(current: BallotStatus, action: { zh: string; en: string }) {
    const name = BALLOT_STATUS_NAMES[current];
    super(
      'ballot.wrong_status',
      'conflict',
      `投票${name.zh}，不能${action.zh} / The ballot is ${name.en}: cannot ${action.en}`,
    );
  }
}

export class NotInElectorateError extends DomainError {
  constructor() {
    super(
      'ballot.not_in_electorate',
      'forbidden',
      '您不在本次投票的代表名单中 / You are not in this ballot’s electorate',
    );
  }
}

export class AlreadyVotedError extends DomainError {
  constructor(channel: 'electronic' | 'paper' | null) {
    super(
      'ballot.already_voted',
      'conflict',
      channel === 'paper'
        ? '您已登记为纸质投票，不能再电子投票 / You are recorded as voting on paper'
        : '您已经投过票，每位代表只能投一次 / You have voted already: one ballot per deputy',
    );
  }
}

/** Paper and electronic ballots together may not outnumber the deputies. */
export class BallotsExhaustedError extends DomainError {
  constructor() {
    super(
      'ballot.exhausted',
      'conflict',
      '纸质票与电子票合计已达代表总数 / Paper and electronic ballots already add up to the number of deputies',
    );
  }
}

/** Results and the bulletin exist only once the box is opened: no live counts. */
export class NotCountedError extends DomainError {
  constructor(current: BallotStatus) {
    super(
      'ballot.not_counted',
      'conflict',
      `投票${BALLOT_STATUS_NAMES[current].zh}，计票前不公布任何票数 / The ballot is ${BALLOT_STATUS_NAMES[current].en}: nothing is counted before the count`,
    );
  }
}

export class KeySharesRefusedError extends DomainError {
  constructor(message: string) {
    super('ballot.key_shares_refused', 'unprocessable', message);
  }
}

export class PaperTallyPendingError extends DomainError {
  constructor(pending: number) {
    super(
      'ballot.paper_tally_pending',
      'conflict',
      `还有 ${pending} 份纸质计票未经第二人确认 / ${pending} paper tallies await confirmation by a second user`,
    );
  }
}

export class PaperTallyNotFoundError extends NotFoundError {
  constructor() {
    super('Paper tally', '纸质计票');
  }
}

export class InvalidPaperTallyError extends DomainError {
  constructor(message: { zh: string; en: string }) {
    super('paper_tally.invalid', 'unprocessable', `${message.zh} / ${message.en}`);
  }
}

/** A deputy named as voting on paper has voted already, in either channel. */
export class PaperVotersConflictError extends DomainError {
  constructor(alreadyVoted: number) {
    super(
      'paper_voters.already_voted',
      'conflict',
      `登记的代表中有 ${alreadyVoted} 位已经投过票或已登记 / ${alreadyVoted} of the listed deputies have voted or are recorded already`,
    );
  }
}

export class PaperTallyConfirmationError extends DomainError {
  constructor(message: { zh: string; en: string }, kind: 'forbidden' | 'conflict') {
    super('paper_tally.confirmation_refused', kind, `${message.zh} / ${message.en}`);
  }
}

export class SealedBallotCorruptError extends DomainError {
  constructor() {
    super(
      'ballot.sealed_ballot_corrupt',
      'conflict',
      '票箱中有一张密封选票无法通过完整性校验，计票已中止，请核查数据库 / A sealed ballot failed its integrity check: the count stopped; check the database',
    );
  }
}
