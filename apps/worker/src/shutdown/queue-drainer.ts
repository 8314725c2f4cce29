import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { QUEUE_NAMES } from '@app/queues';
import { drainQueue } from './queue-drain.js';

/**
 * How long a stopping worker lets its jobs finish: under Docker's default 10 s between SIGTERM
 * and SIGKILL, so that a slow job is handed back rather than killed mid-way.
 */
export const SHUTDOWN_GRACE_MS = 8_000;

/**
 * Drains the queues before anything else shuts down. @nestjs/bull closes each queue in
 * `onApplicationShutdown`, the same phase in which TypeORM closes the database, in no set order,
 * and Bull's close waits for the jobs in flight without limit. Draining one phase earlier lets
 * those jobs finish with the database still open, and bounds the wait.
 */
@Injectable()
export class QueueDrainer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueDrainer.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((name) => this.drain(name)));
  }

  private async drain(name: string): Promise<void> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    const outcome = await drainQueue(queue, SHUTDOWN_GRACE_MS);
    if (outcome.finished) {
      this.logger.log({ queue: name }, 'Queue drained');
    } else {
      this.logger.warn(
        { queue: name, returnedJobIds: outcome.returnedJobIds, graceMs: SHUTDOWN_GRACE_MS },
        'Jobs still running at shutdown were handed back to the queue',
      );
    }
  }
}
