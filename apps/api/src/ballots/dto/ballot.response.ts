import type {
  BallotKind,
  BallotStatus,
  BallotView,
  CreatedBallot,
  VotingChannel,
} from '@app/ballots';

export class BallotItemResponse {
  id: string;
  title: string;
}

export class BallotResponse {
  id: string;
  cycleId: string;
  kind: BallotKind;
  status: BallotStatus;
  /** 应选项目数 */
  seats: number;
  /** Share of all deputies who must cast (inclusive) */
  quorum: number;
  /** 代表总数: the electorate, fixed at creation */
  deputyCount: number;
  /** Ballots cast so far (electronic and paper); the only figure before the count */
  castCount: number;
  /** Selection and runoff ballots: the candidates, in ballot order */
  candidates: BallotItemResponse[];
  parentBallotId: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
  countedAt: Date | null;
  /** 监票人 holding key shares */
  scrutineers: number;
  /** Shares needed to open the box */
  sharesRequired: number;
  /** Hex X25519 public key every cast is sealed to */
  publicKey: string;
  /** SHA-256 of the published bulletin, once counted */
  bulletinHash: string | null;
  createdAt: Date;

  static from(ballot: BallotView): BallotResponse {
    return Object.assign(new BallotResponse(), {
      id: ballot.id,
      cycleId: ballot.cycleId,
      kind: ballot.kind,
      status: ballot.status,
      seats: ballot.seats,
      quorum: ballot.quorum,
      deputyCount: ballot.deputyCount,
      castCount: ballot.castCount,
      candidates: ballot.items.map((item) => ({ id: item.id, title: item.title })),
      parentBallotId: ballot.parentBallotId,
      opensAt: ballot.opensAt,
      closesAt: ballot.closesAt,
      openedAt: ballot.openedAt,
      closedAt: ballot.closedAt,
      countedAt: ballot.countedAt,
      scrutineers: ballot.scrutineers,
      sharesRequired: ballot.sharesRequired,
      publicKey: ballot.publicKey.toString('hex'),
      bulletinHash: ballot.bulletinHash,
      createdAt: ballot.createdAt,
    });
  }
}

export class CreatedBallotResponse extends BallotResponse {
  /**
   * The scrutineers' key shares, shown only in this answer and stored nowhere: print one per
   * scrutineer (监票人). Any `sharesRequired` of them open the box at the count.
   */
  keyShares: string[];

  static fromCreated(created: CreatedBallot): CreatedBallotResponse {
    return Object.assign(new CreatedBallotResponse(), BallotResponse.from(created.ballot), {
      keyShares: created.keyShares,
    });
  }
}

export class ReceiptResponse {
  /** Shown once: keep it to check on the bulletin that the ballot was counted */
  receipt: string;
  /** Lowercase hex SHA-256 of the receipt, as the bulletin lists it */
  receiptHash: string;
}

export class MyVoteResponse {
  inElectorate: boolean;
  voted: boolean;
  channel: VotingChannel | null;
}
