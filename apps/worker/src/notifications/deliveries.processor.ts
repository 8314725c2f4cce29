import type { Job } from 'bull';
import { DeliveriesService } from '@app/notifications';
import {
  DELIVERIES_QUEUE,
  DeliveryJob,
  HandlesJob,
  QueueProcessor,
  type DeliverPayload,
} from '@app/queues';

/**
 * How many deliveries one worker sends at once (SMTP and gateway calls wait on the network).
 * Each holds a database connection (and its row lock) while it waits, so this stays well below
 * the pool's 20 connections: the rest serve the fan-out and the outbox relay, and a slow or
 * hanging mail server cannot hold up the in-app inbox. Email sends are also capped by the
 * SMTP pool's 5 connections.
 */
const DELIVERY_CONCURRENCY = 10;

@QueueProcessor(DELIVERIES_QUEUE)
export class DeliveriesProcessor {
  constructor(private readonly deliveries: DeliveriesService) {}

  @HandlesJob(DeliveryJob.Deliver, DELIVERY_CONCURRENCY)
  async deliver(job: Job<DeliverPayload>): Promise<'sent' | 'skipped'> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.deliveries.deliver(job.data.deliveryId, lastAttempt);
  }
}
