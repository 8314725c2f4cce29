import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@app/config';
import type { PendingDelivery } from '@app/notifications';
import {
  DELIVERIES_QUEUE,
  DeliveryJob,
  EVENTS_QUEUE,
  EventJob,
  jobIds,
  type DeliverPayload,
  type DispatchEventPayload,
} from '@app/queues';

/** Puts event and delivery jobs on their queues, with stable ids and the delivery retry policy. */
@Injectable()
export class NotificationJobs {
  constructor(
    @InjectQueue(EVENTS_QUEUE) private readonly events: Queue<DispatchEventPayload>,
    @InjectQueue(DELIVERIES_QUEUE) private readonly deliveries: Queue<DeliverPayload>,
    private readonly config: AppConfig,
  ) {}

  async dispatchEvents(eventIds: string[]): Promise<void> {
    await this.events.addBulk(
      eventIds.map((eventId) => ({
        name: EventJob.Dispatch,
        data: { eventId },
        // The outbox row counts as dispatched once its job exists, so the job must outlast a
        // database outage: ten minutes of retries before it gives up.
        opts: {
          jobId: jobIds.event(eventId),
          attempts: 60,
          backoff: { type: 'fixed', delay: 10_000 },
        },
      })),
    );
  }

  async deliver(deliveries: PendingDelivery[]): Promise<void> {
    if (deliveries.length === 0) {
      return;
    }
    await this.deliveries.addBulk(
      deliveries.map((delivery) => ({
        name: DeliveryJob.Deliver,
        data: { deliveryId: delivery.id },
        opts: {
          jobId: jobIds.delivery(delivery.id, delivery.generation),
          attempts: this.config.delivery.maxAttempts,
          backoff: { type: 'exponential', delay: this.config.delivery.backoffMs },
        },
      })),
    );
  }
}
