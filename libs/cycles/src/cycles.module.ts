import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { CyclesService } from './cycles.service.js';

@Module({
  imports: [AuditModule, OutboxModule],
  providers: [CyclesService],
  exports: [CyclesService],
})
export class CyclesModule {}
