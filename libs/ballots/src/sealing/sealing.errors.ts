export type ShareErrorReason = 'mistyped' | 'other_ballot' | 'duplicate' | 'too_few' | 'wrong';

/** A refusal of the key shares typed in at the count. `shareNumber` is 1-based in the given list. */
export class ShareError extends Error {
  constructor(
    readonly reason: ShareErrorReason,
    readonly shareNumber: number | null,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class MistypedShareError extends ShareError {
  constructor(shareNumber: number | null) {
    super(
      'mistyped',
      shareNumber,
      shareNumber === null
        ? '密钥分片有误（可能抄错） / The share is mistyped'
        : `第 ${shareNumber} 份密钥分片有误（可能抄错） / Share ${shareNumber} is mistyped`,
    );
  }
}

export class OtherBallotShareError extends ShareError {
  constructor(shareNumber: number | null) {
    super(
      'other_ballot',
      shareNumber,
      shareNumber === null
        ? '密钥分片属于另一场投票 / The share belongs to another ballot'
        : `第 ${shareNumber} 份密钥分片属于另一场投票 / Share ${shareNumber} belongs to another ballot`,
    );
  }
}

export class DuplicateShareError extends ShareError {
  constructor(shareNumber: number, firstNumber: number) {
    super(
      'duplicate',
      shareNumber,
      `第 ${shareNumber} 份密钥分片与第 ${firstNumber} 份重复 / Share ${shareNumber} repeats share ${firstNumber}`,
    );
  }
}

export class TooFewSharesError extends ShareError {
  constructor(required: number, given: number) {
    super(
      'too_few',
      null,
      `至少需要 ${required} 份密钥分片，只收到 ${given} 份 / At least ${required} key shares are needed, ${given} ${given === 1 ? 'was' : 'were'} given`,
    );
  }
}

export class WrongSharesError extends ShareError {
  constructor() {
    super('wrong', null, '这些密钥分片打不开该票箱 / These key shares do not open this ballot box');
  }
}
