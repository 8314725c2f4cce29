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
  UpdateDateColumn,
} from 'typeorm';
import { Cycle } from '@app/cycles';
import { PROPOSAL_CATEGORIES, type ProposalCategory } from '@app/proposals';
import { Department } from '@app/users';

/** A candidate project (候选项目) on a cycle's list, drafted during screening. */
@Entity('candidates')
@Check('ck_candidates_budget', 'budget >= 0')
export class Candidate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_candidates_cycle')
  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @ManyToOne(() => Cycle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_candidates_cycle' })
  cycle?: Relation<Cycle>;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'enum', enum: PROPOSAL_CATEGORIES, enumName: 'proposal_category' })
  category: ProposalCategory;

  @Column({ type: 'varchar', length: 2000 })
  summary: string;

  /** Measurable targets, e.g. 新增就业3800人. */
  @Column({ type: 'text', array: true })
  targets: string[];

  /** Integer yuan. */
  @Column({ type: 'bigint' })
  budget: string;

  @Column({ name: 'lead_department_id', type: 'uuid' })
  leadDepartmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'lead_department_id',
    foreignKeyConstraintName: 'fk_candidates_lead_department',
  })
  leadDepartment?: Relation<Department>;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
