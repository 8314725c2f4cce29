import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Ballot } from './ballot.entity.js';

/** The hash of a counted ballot's receipt, published apart from the ballots (no link). */
@Entity('ballot_receipts')
export class BallotReceipt {
  @PrimaryColumn({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id', foreignKeyConstraintName: 'fk_ballot_receipts_ballot' })
  ballot?: Relation<Ballot>;

  /** Lowercase hex SHA-256 of the receipt code. */
  @PrimaryColumn({ name: 'receipt_hash', type: 'char', length: 64 })
  receiptHash: string;
}
