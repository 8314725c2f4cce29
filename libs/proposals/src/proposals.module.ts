import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CyclesModule } from '@app/cycles';
import { OutboxModule } from '@app/outbox';
import { ProposalFiler } from './filing/proposal-filer.js';
import { ProposalListChanges } from './list-cache/proposal-list-changes.js';
import { ProposalsService } from './proposals.service.js';
import { SimilarTitles } from './similar/similar-titles.service.js';
import { SupportsService } from './supports.service.js';

@Module({
  imports: [AuditModule, CyclesModule, OutboxModule],
  providers: [ProposalsService, ProposalFiler, SupportsService, ProposalListChanges, SimilarTitles],
  exports: [ProposalsService, SupportsService, ProposalListChanges],
})
export class ProposalsModule {}
