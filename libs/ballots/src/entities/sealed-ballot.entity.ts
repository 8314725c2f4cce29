import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Ballot } from './ballot.entity.js';

/**
 * A cast ballot while the box is closed: marks and receipt hash encrypted to the ballot's
 * public key. Random id, no timestamp, no deputy: even joined by transaction id to its
 * participation row, it holds nothing readable without the scrutineers' shares.
 */
@Entity('sealed_ballots')
@Index('ix_sealed_ballots_ballot', ['ballotId'])
export class SealedBallot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id', foreignKeyConstraintName: 'fk_sealed_ballots_ballot' })
  ballot?: Relation<Ballot>;

  @Column({ type: 'bytea' })
  sealed: Buffer;
}
