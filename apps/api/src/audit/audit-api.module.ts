import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { QueuesModule } from '@app/queues';
import { AuditController } from './audit.controller.js';

@Module({
  imports: [AuditModule, QueuesModule],
  controllers: [AuditController],
})
export class AuditApiModule {}
