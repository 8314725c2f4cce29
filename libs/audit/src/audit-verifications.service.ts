import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pageOf, skipOf, type Page, type PageRequest } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { AuditService } from './audit.service.js';
import { AuditVerification, type AuditVerificationTrigger } from './audit-verification.entity.js';

/** Runs the chain verification and keeps each outcome, so a broken chain is seen, not only logged. */
@Injectable()
export class AuditVerificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async verifyAndRecord(
    trigger: AuditVerificationTrigger,
    requestedBy: string | null,
  ): Promise<AuditVerification> {
    const check = await this.audit.verify();
    return this.dataSource.transaction(async (manager) => {
      const verification = await manager.save(
        manager.create(AuditVerification, {
          trigger,
          requestedBy,
          ok: check.ok,
          entries: check.entries,
          brokenAt: check.brokenAt ?? null,
        }),
      );
      if (!verification.ok) {
        await this.outbox.publish(manager, EventType.AuditChainBroken, {
          verificationId: verification.id,
          brokenAt: verification.brokenAt,
        });
      }
      return verification;
    });
  }

  async list(request: PageRequest): Promise<Page<AuditVerification>> {
    const [items, total] = await this.dataSource.getRepository(AuditVerification).findAndCount({
      order: { checkedAt: 'DESC' },
      skip: skipOf(request),
      take: request.pageSize,
    });
    return pageOf(items, total, request);
  }
}
