import { Module } from '@nestjs/common';
import { AuditVerificationsService } from './audit-verifications.service.js';
import { AuditService } from './audit.service.js';

@Module({
  providers: [AuditService, AuditVerificationsService],
  exports: [AuditService, AuditVerificationsService],
})
export class AuditModule {}
