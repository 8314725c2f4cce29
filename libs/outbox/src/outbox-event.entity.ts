import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change that caused it. The relay in
 * the worker hands it to the queue and stamps `dispatchedAt`; rows are kept as the event log.
 */
@Entity('outbox_events')
@Index('ix_outbox_events_pending', ['id'], { where: 'dispatched_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  /** Ids and small scalars only, never entities or secrets. */
  @Column({ type: 'jsonb' })
  payload: OutboxPayload;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}

export type OutboxPayload = Record<string, string | number | boolean | null>;
