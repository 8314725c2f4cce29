import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CyclesModule } from '@app/cycles';
import { ProposalsModule } from '@app/proposals';
import { CandidatesService } from './candidates.service.js';
import { ReserveService } from './reserve.service.js';

@Module({
  imports: [AuditModule, CyclesModule, ProposalsModule],
  providers: [CandidatesService, ReserveService],
  exports: [CandidatesService, ReserveService],
})
export class CandidatesModule {}
