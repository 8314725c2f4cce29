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

/** A progress report by the lead department: the percent only falls with a stated reason. */
@Entity('progress_updates')
@Index('ix_progress_updates_project', ['projectId', 'createdAt'])
@Check('ck_progress_updates_percent', 'percent BETWEEN 0 AND 100')
export class ProgressUpdate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_progress_updates_project' })
  project?: Relation<Project>;

  @Column({ type: 'int' })
  percent: number;

  @Column({ type: 'varchar', length: 2000 })
  note: string;

  /** Why the percent went down, when it did. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_progress_updates_author' })
  author?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
