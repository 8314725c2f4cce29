import {
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '@app/users';
import { Project } from './project.entity.js';

/** A deputy of the project's supervision group (代表监督小组). */
@Entity('project_supervisors')
export class Supervisor {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_project_supervisors_project' })
  project?: Relation<Project>;

  @PrimaryColumn({ name: 'deputy_id', type: 'uuid' })
  deputyId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deputy_id', foreignKeyConstraintName: 'fk_project_supervisors_deputy' })
  deputy?: Relation<User>;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;
}
