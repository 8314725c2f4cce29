import { Module } from '@nestjs/common';
import { ProjectsModule } from '@app/projects';
import { ProposalsModule } from '@app/proposals';
import { MeController } from './me.controller.js';

@Module({
  imports: [ProposalsModule, ProjectsModule],
  controllers: [MeController],
})
export class MeApiModule {}
