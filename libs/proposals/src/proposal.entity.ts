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
import { User } from '@app/users';
import {
  PROPOSAL_CATEGORIES,
  PROPOSAL_STATUSES,
  type ProposalCategory,
  type ProposalStatus,
} from './proposal-category.js';

/** A resident's proposal for a livelihood project (群众提). */
@Entity('proposals')
@Check('ck_proposals_support_count', 'support_count >= 0')
@Check('ck_proposals_reject_reason', `status <> 'rejected' OR reject_reason IS NOT NULL`)
@Check('ck_proposals_merged_into', `status <> 'merged' OR merged_into_id IS NOT NULL`)
@Index('ix_proposals_cycle_recent', ['cycleId', 'createdAt', 'id'])
@Index('ix_proposals_cycle_supports', ['cycleId', 'supportCount', 'id'])
@Index('ix_proposals_cycle_status', ['cycleId', 'status'])
@Index('uq_proposals_cycle_carried_from', ['cycleId', 'carriedFromId'], { unique: true })
// Trigram indexes, made by the migrations (TypeORM cannot say GIN or GiST): GIN for the search
// (q), GiST on the title for the similar proposals on submit (nearest titles first, `<->`).
@Index('ix_proposals_title_trgm', { synchronize: false })
@Index('ix_proposals_description_trgm', { synchronize: false })
export class Proposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @ManyToOne(() => Cycle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_proposals_cycle' })
  cycle?: Relation<Cycle>;

  @Index('ix_proposals_author')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_proposals_author' })
  author?: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'enum', enum: PROPOSAL_CATEGORIES, enumName: 'proposal_category' })
  category: ProposalCategory;

  @Column({ type: 'varchar', length: 5000 })
  description: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  /** The public never sees the author; officials still can, to get in touch. */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({
    type: 'enum',
    enum: PROPOSAL_STATUSES,
    enumName: 'proposal_status',
    default: 'submitted',
  })
  status: ProposalStatus;

  /** Shown publicly with a rejection. */
  @Column({ name: 'reject_reason', type: 'varchar', length: 1000, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => Proposal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'fk_proposals_merged_into' })
  mergedInto?: Relation<Proposal>;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** Kept equal to the number of supports rows, in the same transaction as each change. */
  @Column({ name: 'support_count', type: 'int', default: 0 })
  supportCount: number;

  /** The reserve proposal of an earlier cycle that this one was carried over from. */
  @Column({ name: 'carried_from_id', type: 'uuid', nullable: true })
  carriedFromId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
