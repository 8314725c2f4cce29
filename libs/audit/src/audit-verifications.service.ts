import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pageOf, skipOf, type Page, type PageRequest } from '@app/common';
import { AuditService } from './audit.service.js';
import { AuditVerification, type AuditVerificationTrigger } from './audit-verification.entity.js';

/** Runs the chain verification and keeps each outcome, so a broken chain is seen, not only logged. */
@Injectable()
export class AuditVerificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async verifyAndRecord(
    trigger: AuditVerificationTrigger,
    requestedBy: string | null,
  ): Promise<AuditVerification> {
    const check = await this.audit.verify();
    const repository = this.dataSource.getRepository(AuditVerification);
    return repository.save(
      repository.create({
        trigger,
        requestedBy,
        ok: check.ok,
        entries: check.entries,
        brokenAt: check.brokenAt ?? null,
      }),
    );
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
