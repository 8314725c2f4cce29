import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CYCLE_PHASES, type CyclePhase } from './cycle-phase.js';

/** A year's livelihood-projects cycle (年度民生实事) of one region. */
@Entity('cycles')
@Check('ck_cycles_seats', 'seats BETWEEN 1 AND 100')
@Check('ck_cycles_year', 'year BETWEEN 2000 AND 2100')
export class Cycle {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  region: string | null;

  /** 应选项目数: how many projects the ballot selects. */
  @Column({ type: 'int' })
  seats: number;

  /** Whether a ballot may offer exactly as many candidates as seats (等额); 差额 otherwise. */
  @Column({ name: 'allow_equal_ballot', type: 'boolean', default: false })
  allowEqualBallot: boolean;

  @Column({ type: 'enum', enum: CYCLE_PHASES, enumName: 'cycle_phase', default: 'draft' })
  phase: CyclePhase;

  /** Set when a ballot over the candidate list is created; the list never changes after. */
  @Column({ name: 'candidates_frozen_at', type: 'timestamptz', nullable: true })
  candidatesFrozenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
