import { Module } from '@nestjs/common';
import { CandidatesModule } from '@app/candidates';
import { CandidatesController } from './candidates.controller.js';
import { ReserveController } from './reserve.controller.js';

@Module({ imports: [CandidatesModule], controllers: [CandidatesController, ReserveController] })
export class CandidatesApiModule {}
