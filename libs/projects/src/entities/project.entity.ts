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
import { Candidate } from '@app/candidates';
import { Cycle } from '@app/cycles';
import { PROPOSAL_CATEGORIES, type ProposalCategory } from '@app/proposals';
import { Department, User } from '@app/users';

/** A selected candidate being delivered (政府办): made once when its cycle starts implementing. */
@Entity('projects')
@Index('uq_projects_candidate', ['candidateId'], { unique: true })
@Index('ix_projects_cycle', ['cycleId', 'createdAt'])
@Check('ck_projects_budget', 'budget >= 0')
@Check('ck_projects_percent', 'percent IS NULL OR percent BETWEEN 0 AND 100')
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @ManyToOne(() => Cycle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_projects_cycle' })
  cycle?: Relation<Cycle>;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_projects_candidate' })
  candidate?: Relation<Candidate>;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'enum', enum: PROPOSAL_CATEGORIES, enumName: 'proposal_category' })
  category: ProposalCategory;

  @Column({ type: 'varchar', length: 2000 })
  summary: string;

  @Column({ type: 'text', array: true })
  targets: string[];

  /** Integer yuan. */
  @Column({ type: 'bigint' })
  budget: string;

  /** 牵头单位 */
  @Column({ name: 'lead_department_id', type: 'uuid' })
  leadDepartmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'lead_department_id',
    foreignKeyConstraintName: 'fk_projects_lead_department',
  })
  leadDepartment?: Relation<Department>;

  /** 责任人: an official of the lead department. */
  @Column({ name: 'responsible_official_id', type: 'uuid', nullable: true })
  responsibleOfficialId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'responsible_official_id',
    foreignKeyConstraintName: 'fk_projects_responsible_official',
  })
  responsibleOfficial?: Relation<User>;

  /** 配合单位 */
  @Column({ name: 'co_department_ids', type: 'uuid', array: true, default: () => "'{}'" })
  coDepartmentIds: string[];

  /** The latest progress posted, kept here so lists need no join; null before any. */
  @Column({ type: 'int', nullable: true })
  percent: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
