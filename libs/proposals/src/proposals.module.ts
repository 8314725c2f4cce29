import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CyclesModule } from '@app/cycles';
import { OutboxModule } from '@app/outbox';
import { ProposalsService } from './proposals.service.js';
import { SupportsService } from './supports.service.js';

@Module({
  imports: [AuditModule, CyclesModule, OutboxModule],
  providers: [ProposalsService, SupportsService],
  exports: [ProposalsService, SupportsService],
})
export class ProposalsModule {}
