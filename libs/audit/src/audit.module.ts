import { Module } from '@nestjs/common';
import { OutboxModule } from '@app/outbox';
import { AuditVerificationsService } from './audit-verifications.service.js';
import { AuditService } from './audit.service.js';

@Module({
  imports: [OutboxModule],
  providers: [AuditService, AuditVerificationsService],
  exports: [AuditService, AuditVerificationsService],
})
export class AuditModule {}
