import {
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
import { Project } from './project.entity.js';

export const MILESTONE_KINDS = ['milestone', 'rectification'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** A milestone of a project, or a rectification item (整改) its department owes: both have a due date. */
@Entity('milestones')
@Index('ix_milestones_project', ['projectId', 'dueDate'])
@Index('ix_milestones_open_due', ['dueDate'], { where: 'NOT done' })
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_milestones_project' })
  project?: Relation<Project>;

  @Column({ type: 'enum', enum: MILESTONE_KINDS, enumName: 'milestone_kind', default: 'milestone' })
  kind: MilestoneKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** A calendar date (YYYY-MM-DD) in the district. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'boolean', default: false })
  done: boolean;

  /** The department's rectification report (整改报告); a rectification item is done only with one. */
  @Column({ type: 'varchar', length: 4000, nullable: true })
  report: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  /** When the overdue notice went out, so it goes out once. */
  @Column({ name: 'overdue_notified_at', type: 'timestamptz', nullable: true })
  overdueNotifiedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
