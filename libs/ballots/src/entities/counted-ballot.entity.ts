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

/** As on the bulletin: `candidateId` on selection and runoff ballots, `projectId` on evaluations. */
export type CountedChoice =
  { candidateId: string; mark: string } | { projectId: string; mark: string };

/**
 * An opened ballot, as published on the bulletin: written at the count in shuffled order,
 * all in one transaction, so neither its id, position nor transaction says who cast it.
 */
@Entity('counted_ballots')
@Index('ix_counted_ballots_ballot', ['ballotId', 'position'], { unique: true })
export class CountedBallot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id', foreignKeyConstraintName: 'fk_counted_ballots_ballot' })
  ballot?: Relation<Ballot>;

  /** Place in the published (shuffled) order. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'jsonb' })
  choices: CountedChoice[];
}
