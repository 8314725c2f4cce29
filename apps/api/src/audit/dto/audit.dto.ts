import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { AuditEntry, AuditVerification, ChainCheck } from '@app/audit';
import { PageQueryDto } from '../../common/page-query.dto.js';

export class QueryAuditDto extends PageQueryDto {
  /** For example `user.roles_changed` */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;
}

export class AuditEntryResponse {
  seq: string;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;

  static from(entry: AuditEntry): AuditEntryResponse {
    const { seq, occurredAt, actorId, action, entityType, entityId, details, prevHash, hash } =
      entry;
    return Object.assign(new AuditEntryResponse(), {
      seq,
      occurredAt,
      actorId,
      action,
      entityType,
      entityId,
      details,
      prevHash,
      hash,
    });
  }
}

export class ChainCheckResponse {
  ok: boolean;
  /** Entries checked */
  entries: number;
  /** The seq of the first entry that does not follow from the one before it */
  brokenAt?: string;

  static from(check: ChainCheck): ChainCheckResponse {
    return Object.assign(new ChainCheckResponse(), check);
  }
}

export class VerificationRequestedResponse {
  jobId: string;
}

export class AuditVerificationResponse {
  id: string;
  trigger: 'scheduled' | 'requested';
  requestedBy: string | null;
  ok: boolean;
  entries: number;
  brokenAt: string | null;
  checkedAt: Date;

  static from(verification: AuditVerification): AuditVerificationResponse {
    return Object.assign(new AuditVerificationResponse(), verification);
  }
}
