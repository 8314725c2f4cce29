import { Module } from '@nestjs/common';
import { CyclesModule } from '@app/cycles';
import { CyclesController } from './cycles.controller.js';

@Module({ imports: [CyclesModule], controllers: [CyclesController] })
export class CyclesApiModule {}
