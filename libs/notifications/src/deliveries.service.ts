import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, pageOf, skipOf, type Page, type PageRequest } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { EmailChannel } from './channels/email.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { Delivery, type DeliveryStatus, type ExternalChannel } from './delivery.entity.js';

interface DeliveryToSend {
  id: string;
  status: DeliveryStatus;
  channel: ExternalChannel;
  user_id: string;
  email: string | null;
  phone: string | null;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
}

export class DeliveryNotRetryableError extends DomainError {
  constructor() {
    super(
      'delivery.not_retryable',
      'conflict',
      '只能重发失败的通知 / Only a failed delivery can be retried',
    );
  }
}

export class DeliveryNotFoundError extends DomainError {
  constructor() {
    super('delivery.not_found', 'not_found', '通知投递不存在 / Delivery not found');
  }
}

@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Sends one pending delivery. The row stays locked while sending, so a second worker holding
   * the same delivery waits and then finds it sent. A failure is recorded with its reason and
   * rethrown for the queue to retry; after the last attempt the delivery is marked failed.
   */
  async deliver(deliveryId: string, lastAttempt: boolean): Promise<'sent' | 'skipped'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [delivery] = await manager.query<DeliveryToSend[]>(
        `SELECT d.id, d.status, d.channel, u.id AS user_id, u.email, u.phone,
                n.title_zh, n.title_en, n.body_zh, n.body_en, n.link
         FROM deliveries d
         JOIN users u ON u.id = d.user_id
         JOIN notifications n ON n.event_id = d.event_id AND n.user_id = d.user_id
         WHERE d.id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      if (!delivery || delivery.status !== 'pending') {
        return 'skipped' as const;
      }
      try {
        await this.send(delivery);
        await manager.query(
          `UPDATE deliveries SET status = 'sent', attempts = attempts + 1, sent_at = now(),
           last_error = NULL, updated_at = now() WHERE id = $1`,
          [deliveryId],
        );
        return 'sent' as const;
      } catch (error) {
        await manager.query(
          `UPDATE deliveries SET status = $2, attempts = attempts + 1, last_error = $3,
           updated_at = now() WHERE id = $1`,
          [deliveryId, lastAttempt ? 'failed' : 'pending', (error as Error).message.slice(0, 1000)],
        );
        return error as Error;
      }
    });
    if (outcome instanceof Error) {
      throw outcome;
    }
    return outcome;
  }

  async list(
    request: PageRequest & { status?: DeliveryStatus; eventId?: string },
  ): Promise<Page<Delivery>> {
    const [items, total] = await this.dataSource.getRepository(Delivery).findAndCount({
      where: {
        ...(request.status ? { status: request.status } : {}),
        ...(request.eventId ? { eventId: request.eventId } : {}),
      },
      order: { updatedAt: 'DESC', id: 'DESC' },
      skip: skipOf(request),
      take: request.pageSize,
    });
    return pageOf(items, total, request);
  }

  /** Puts a failed delivery back in line; the worker sends it again. */
  async retry(deliveryId: string): Promise<Delivery> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = await manager.findOne(Delivery, {
        where: { id: deliveryId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery) {
        throw new DeliveryNotFoundError();
      }
      if (delivery.status !== 'failed') {
        throw new DeliveryNotRetryableError();
      }
      Object.assign(delivery, { status: 'pending', generation: delivery.generation + 1 });
      const saved = await manager.save(delivery);
      await this.outbox.publish(manager, EventType.DeliveryRetryRequested, {
        deliveryId: saved.id,
      });
      return saved;
    });
  }

  private async send(delivery: DeliveryToSend): Promise<void> {
    const message = {
      title: { zh: delivery.title_zh, en: delivery.title_en },
      body: { zh: delivery.body_zh, en: delivery.body_en },
      link: delivery.link,
    };
    switch (delivery.channel) {
      case 'email':
        if (!delivery.email) {
          throw new Error('the user has no email address');
        }
        return this.email.send(delivery.email, message);
      case 'webhook':
        return this.webhook.send(
          delivery.id,
          { userId: delivery.user_id, phone: delivery.phone, email: delivery.email },
          message,
        );
    }
  }
}
