import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Delivery, DeliveryStatus, ExternalChannel } from '@app/notifications';
import { PageQueryDto } from '../../common/page-query.dto.js';

const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'sent', 'failed'];
/** Delivery and event ids are bigint serials, sent as decimal strings. */
const SERIAL_ID = /^[1-9][0-9]{0,17}$/;

export class QueryDeliveriesDto extends PageQueryDto {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  /** The outbox event the deliveries came from */
  @IsOptional()
  @Matches(SERIAL_ID, { message: 'eventId must be an event id (a positive integer)' })
  eventId?: string;
}

export class DeliveryIdParamsDto {
  @Matches(SERIAL_ID, { message: 'id must be a delivery id (a positive integer)' })
  id: string;
}

export class DeliveryResponse {
  id: string;
  eventId: string;
  userId: string;
  channel: ExternalChannel;
  status: DeliveryStatus;
  /** Sending attempts so far, manual retries included */
  attempts: number;
  /** The reason of the last failed attempt */
  lastError: string | null;
  sentAt: Date | null;
  updatedAt: Date;

  static from(delivery: Delivery): DeliveryResponse {
    return Object.assign(new DeliveryResponse(), {
      id: delivery.id,
      eventId: delivery.eventId,
      userId: delivery.userId,
      channel: delivery.channel,
      status: delivery.status,
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      sentAt: delivery.sentAt,
      updatedAt: delivery.updatedAt,
    });
  }
}
