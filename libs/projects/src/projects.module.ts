import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CyclesModule } from '@app/cycles';
import { OutboxModule } from '@app/outbox';
import { MilestonesService } from './milestones.service.js';
import { ProjectsService } from './projects.service.js';
import { SupervisionService } from './supervision.service.js';

@Module({
  imports: [AuditModule, CyclesModule, OutboxModule],
  providers: [ProjectsService, MilestonesService, SupervisionService],
  exports: [ProjectsService, MilestonesService, SupervisionService],
})
export class ProjectsModule {}
