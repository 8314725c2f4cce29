import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AuditJobsProducer } from './audit-jobs.producer.js';
import { QUEUE_NAMES } from './queue-names.js';

const queues = QUEUE_NAMES.map((name) => BullModule.registerQueue({ name }));

/** Bull on the configured Redis, with every declared queue registered, and its producers. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        url: config.redis.url,
        prefix: config.redis.queuePrefix,
        // A worker that dies mid-job loses its lock after 15 s, and the job is back in line
        // after at most 5 s more (Bull's defaults take over a minute).
        settings: { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 2 },
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: 1_000,
          removeOnFail: 5_000,
        },
      }),
    }),
    ...queues,
  ],
  providers: [AuditJobsProducer],
  exports: [...queues, AuditJobsProducer],
})
export class QueuesModule {}
