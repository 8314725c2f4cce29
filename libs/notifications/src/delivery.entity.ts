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
import { User } from '@app/users';

export type ExternalChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/**
 * One message to one user over one outside channel. The unique key makes each (event, user,
 * channel) exist once however often a fan-out is retried.
 */
@Entity('deliveries')
@Index('uq_deliveries_event_user_channel', ['eventId', 'userId', 'channel'], { unique: true })
@Index('ix_deliveries_status', ['status', 'updatedAt'])
export class Delivery {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_deliveries_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  channel: ExternalChannel;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Bumped by a manual retry, so the retry's queue job gets an id of its own. */
  @Column({ type: 'int', default: 0 })
  generation: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
