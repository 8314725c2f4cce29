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
import { Project } from './project.entity.js';

/** A supervising deputy's inspection (视察) and the lead department's answer to it. */
@Entity('inspections')
@Index('ix_inspections_project', ['projectId', 'createdAt'])
@Check('ck_inspections_rating', 'rating BETWEEN 1 AND 5')
export class Inspection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_inspections_project' })
  project?: Relation<Project>;

  @Column({ name: 'deputy_id', type: 'uuid' })
  deputyId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deputy_id', foreignKeyConstraintName: 'fk_inspections_deputy' })
  deputy?: Relation<User>;

  @Column({ name: 'visited_on', type: 'date' })
  visitedOn: string;

  @Column({ type: 'varchar', length: 4000 })
  findings: string;

  @Column({ type: 'int' })
  rating: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  response: string | null;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responded_by', foreignKeyConstraintName: 'fk_inspections_responded_by' })
  responder?: Relation<User>;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
