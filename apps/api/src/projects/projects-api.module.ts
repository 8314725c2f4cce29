import { Module } from '@nestjs/common';
import { ProjectsModule } from '@app/projects';
import { MilestonesController } from './milestones.controller.js';
import { ProjectsController } from './projects.controller.js';
import { SupervisionController } from './supervision.controller.js';

@Module({
  imports: [ProjectsModule],
  controllers: [ProjectsController, MilestonesController, SupervisionController],
})
export class ProjectsApiModule {}
