import { Module } from '@nestjs/common';
import { CyclesModule } from '@app/cycles';
import { ProjectsModule } from '@app/projects';
import { CyclesController } from './cycles.controller.js';

@Module({ imports: [CyclesModule, ProjectsModule], controllers: [CyclesController] })
export class CyclesApiModule {}
