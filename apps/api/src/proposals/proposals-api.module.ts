import { Module } from '@nestjs/common';
import { ProposalsModule } from '@app/proposals';
import { ProposalsController } from './proposals.controller.js';

@Module({
  imports: [ProposalsModule],
  controllers: [ProposalsController],
})
export class ProposalsApiModule {}
