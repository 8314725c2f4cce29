import { Module } from '@nestjs/common';
import { ProposalsModule } from '@app/proposals';
import { UsersModule } from '@app/users';
import { ProposalsController } from './proposals.controller.js';

@Module({
  imports: [ProposalsModule, UsersModule],
  controllers: [ProposalsController],
})
export class ProposalsApiModule {}
