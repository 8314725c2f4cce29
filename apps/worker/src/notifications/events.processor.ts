import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { Delivery, FanOutService } from '@app/notifications';
import { EventType, OutboxEvent } from '@app/outbox';
import {
  EVENTS_QUEUE,
  EventJob,
  HandlesJob,
  QueueProcessor,
  type DispatchEventPayload,
} from '@app/queues';
import { NotificationJobs } from './notification-jobs.js';

@QueueProcessor(EVENTS_QUEUE)
export class EventsProcessor {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fanOut: FanOutService,
    private readonly jobs: NotificationJobs,
  ) {}

  /** Acts on one committed event. Running it again repeats nothing: every step is keyed. */
  @HandlesJob(EventJob.Dispatch, 2)
  async dispatch(job: Job<DispatchEventPayload>): Promise<{ recipients: number }> {
    const event = await this.dataSource
      .getRepository(OutboxEvent)
      .findOneBy({ id: job.data.eventId });
    if (!event) {
      return { recipients: 0 };
    }
    if (event.type === EventType.DeliveryRetryRequested) {
      const delivery = await this.dataSource
        .getRepository(Delivery)
        .findOneBy({ id: String(event.payload.deliveryId), status: 'pending' });
      await this.jobs.deliver(delivery ? [delivery] : []);
      return { recipients: delivery ? 1 : 0 };
    }
    const outcome = await this.fanOut.fanOut(event.id, (deliveries) =>
      this.jobs.deliver(deliveries),
    );
    this.logger.log({ eventId: event.id, type: event.type, ...outcome }, 'Event fanned out');
    return outcome;
  }
}
