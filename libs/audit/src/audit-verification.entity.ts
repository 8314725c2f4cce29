import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditVerificationTrigger = 'scheduled' | 'requested';

/** The outcome of one run of the chain verification job. */
@Entity('audit_verifications')
export class AuditVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  trigger: AuditVerificationTrigger;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ type: 'int' })
  entries: number;

  @Column({ name: 'broken_at', type: 'bigint', nullable: true })
  brokenAt: string | null;

  @CreateDateColumn({ name: 'checked_at', type: 'timestamptz' })
  checkedAt: Date;
}
