import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { BallotCountService } from './ballot-count.service.js';
import { BallotItemsPlanner } from './ballot-items.planner.js';
import { BallotLayouts } from './ballot-layouts.js';
import { BallotScheduleService } from './ballot-schedule.service.js';
import { BallotsService } from './ballots.service.js';
import { CastBatcher } from './cast-batcher.js';
import { PaperTalliesService } from './paper-tallies.service.js';
import { BallotSealer } from './sealing/ballot-sealer.js';

@Module({
  imports: [AuditModule, OutboxModule],
  providers: [
    BallotsService,
    BallotCountService,
    PaperTalliesService,
    BallotLayouts,
    BallotItemsPlanner,
    BallotScheduleService,
    CastBatcher,
    BallotSealer,
  ],
  exports: [BallotsService, BallotCountService, PaperTalliesService, BallotScheduleService],
})
export class BallotsModule {}
