import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '@app/users';
import { Ballot } from './ballot.entity.js';

/** A deputy entitled to vote on a ballot, fixed when the ballot is created. */
@Entity('ballot_electorate')
export class ElectorateMember {
  @PrimaryColumn({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id', foreignKeyConstraintName: 'fk_ballot_electorate_ballot' })
  ballot?: Relation<Ballot>;

  @PrimaryColumn({ name: 'deputy_id', type: 'uuid' })
  deputyId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deputy_id', foreignKeyConstraintName: 'fk_ballot_electorate_deputy' })
  deputy?: Relation<User>;
}
