import { Module } from '@nestjs/common';
import { BallotsModule } from '@app/ballots';
import { ProjectsModule } from '@app/projects';
import { BallotsController } from './ballots.controller.js';
import { PaperTalliesController } from './paper-tallies.controller.js';

@Module({
  imports: [BallotsModule, ProjectsModule],
  controllers: [BallotsController, PaperTalliesController],
})
export class BallotsApiModule {}
