import { getQueueToken } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { QUEUE_NAMES } from '@app/queues';

/** Queue depths and failures, the outbox backlog and the failed deliveries, for operators. */
@Injectable()
export class QueuesHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  queues(key: string) {
    return this.health
      .check(key)
      .attempt(async () => {
        const entries = await Promise.all(
          QUEUE_NAMES.map(async (name) => {
            const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
            const { waiting, active, delayed, failed } = await queue.getJobCounts();
            return [name, { waiting, active, delayed, failed }] as const;
          }),
        );
        return Object.fromEntries(entries);
      })
      .withTimeout(1_500);
  }

  backlog(key: string) {
    return this.health
      .check(key)
      .attempt(async () => {
        const [row] = await this.dataSource.query<{ undispatched: number; failed: number }[]>(
          `SELECT (SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL)::int AS undispatched,
                  (SELECT count(*) FROM deliveries WHERE status = 'failed')::int AS failed`,
        );
        return { undispatchedEvents: row.undispatched, failedDeliveries: row.failed };
      })
      .withTimeout(1_500);
  }
}
