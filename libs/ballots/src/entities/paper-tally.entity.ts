import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '@app/users';
import { Ballot } from './ballot.entity.js';

export interface PaperItemCount {
  candidateId: string;
  for: number;
  against: number;
  abstain: number;
}

/**
 * Counts of paper ballots (纸质票) entered by one secretariat user, confirmed by another. Which
 * deputies voted on paper is kept in their participation rows, never beside these counts.
 */
@Entity('paper_tallies')
@Index('ix_paper_tallies_ballot', ['ballotId', 'enteredAt'])
@Check('ck_paper_tallies_returned', 'ballots_returned <= ballots_issued')
@Check('ck_paper_tallies_invalid', 'invalid_ballots <= ballots_returned')
@Check('ck_paper_tallies_four_eyes', 'confirmed_by IS NULL OR confirmed_by <> entered_by')
export class PaperTally {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id', foreignKeyConstraintName: 'fk_paper_tallies_ballot' })
  ballot?: Relation<Ballot>;

  @Column({ name: 'ballots_issued', type: 'int' })
  ballotsIssued: number;

  @Column({ name: 'ballots_returned', type: 'int' })
  ballotsReturned: number;

  @Column({ name: 'invalid_ballots', type: 'int' })
  invalidBallots: number;

  @Column({ type: 'jsonb' })
  counts: PaperItemCount[];

  @Column({ name: 'entered_by', type: 'uuid' })
  enteredBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'fk_paper_tallies_entered_by' })
  enterer?: Relation<User>;

  @CreateDateColumn({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'confirmed_by', foreignKeyConstraintName: 'fk_paper_tallies_confirmed_by' })
  confirmer?: Relation<User>;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
}
