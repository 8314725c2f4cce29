import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { BallotsModule } from '@app/ballots';
import { ProjectsModule } from '@app/projects';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { NotificationsModule } from '@app/notifications';
import { OutboxModule } from '@app/outbox';
import { SearchIndexUpkeep } from '@app/proposals';
import { QueuesModule } from '@app/queues';
import { AuditChainProcessor } from './audit/audit-chain.processor.js';
import { AuditChainSchedule } from './audit/audit-chain.schedule.js';
import { BallotSchedule } from './ballots/ballot-schedule.js';
import { BallotScheduleProcessor } from './ballots/ballot-schedule.processor.js';
import { OverdueMilestonesProcessor } from './projects/overdue-milestones.processor.js';
import { OverdueMilestonesSchedule } from './projects/overdue-milestones.schedule.js';
import { DeliveriesProcessor } from './notifications/deliveries.processor.js';
import { EventsProcessor } from './notifications/events.processor.js';
import { NotificationJobs } from './notifications/notification-jobs.js';
import { OutboxRelayLoop } from './notifications/outbox-relay.loop.js';
import { SearchIndexUpkeepLoop } from './proposals/search-index-upkeep.loop.js';
import { JobHandlersCheckModule } from './job-handlers/job-handlers-check.module.js';
import { QueueDrainer } from './shutdown/queue-drainer.js';

/** The queue worker: processors and schedules, no HTTP. Built from a validated config. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        // First: its check must run before the processors start (see the module).
        JobHandlersCheckModule,
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        QueuesModule,
        AuditModule,
        OutboxModule,
        NotificationsModule,
        BallotsModule,
        ProjectsModule,
      ],
      providers: [
        AuditChainProcessor,
        AuditChainSchedule,
        QueueDrainer,
        NotificationJobs,
        OutboxRelayLoop,
        EventsProcessor,
        DeliveriesProcessor,
        BallotScheduleProcessor,
        BallotSchedule,
        OverdueMilestonesProcessor,
        OverdueMilestonesSchedule,
        SearchIndexUpkeep,
        SearchIndexUpkeepLoop,
      ],
    };
  }
}
