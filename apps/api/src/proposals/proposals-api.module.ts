import { Module } from '@nestjs/common';
import { ProposalsModule } from '@app/proposals';
import { ProposalTraces } from './proposal-traces.js';
import { ProposalsController } from './proposals.controller.js';

@Module({
  imports: [ProposalsModule],
  controllers: [ProposalsController],
  providers: [ProposalTraces],
})
export class ProposalsApiModule {}
