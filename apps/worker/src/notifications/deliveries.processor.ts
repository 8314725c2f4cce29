import type { Job } from 'bull';
import { DeliveriesService } from '@app/notifications';
import {
  DELIVERIES_QUEUE,
  DeliveryJob,
  HandlesJob,
  QueueProcessor,
  type DeliverPayload,
} from '@app/queues';

/** How many deliveries one worker sends at once (SMTP and gateway calls wait on the network). */
const DELIVERY_CONCURRENCY = 20;

@QueueProcessor(DELIVERIES_QUEUE)
export class DeliveriesProcessor {
  constructor(private readonly deliveries: DeliveriesService) {}

  @HandlesJob(DeliveryJob.Deliver, DELIVERY_CONCURRENCY)
  async deliver(job: Job<DeliverPayload>): Promise<'sent' | 'skipped'> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.deliveries.deliver(job.data.deliveryId, lastAttempt);
  }
}
