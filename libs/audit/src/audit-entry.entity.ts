import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One link of the hash chain. Rows are only ever inserted. */
@Entity('audit_entries')
export class AuditEntry {
  /** Position in the chain: 1, 2, 3 … without gaps (assigned under the chain lock). */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Index('ix_audit_entries_actor')
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Index('ix_audit_entries_action')
  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 50 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 100, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Index('uq_audit_entries_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  hash: string;
}
