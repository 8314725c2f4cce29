import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxEvent } from '@app/outbox';
import { WebhookChannel } from './channels/webhook.channel.js';
import type { ExternalChannel } from './delivery.entity.js';
import { NOTIFICATION_KINDS } from './kinds/index.js';

/** Recipients handled per transaction: bounded memory for any audience size. */
export const FAN_OUT_BATCH = 5_000;

export interface PendingDelivery {
  id: string;
  channel: ExternalChannel;
  generation: number;
}

/**
 * Turns one event into an inbox item per recipient and a pending delivery per (recipient,
 * outside channel) that the recipient chose. Safe to run again at any point: the unique keys
 * skip what exists, and every pending delivery of the batch is handed on again.
 */
@Injectable()
export class FanOutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly webhook: WebhookChannel,
  ) {}

  async fanOut(
    eventId: string,
    handOn: (deliveries: PendingDelivery[]) => Promise<void>,
  ): Promise<{ recipients: number }> {
    const event = await this.dataSource.getRepository(OutboxEvent).findOneBy({ id: eventId });
    const spec = event && NOTIFICATION_KINDS.get(event.type);
    if (!event || !spec) {
      return { recipients: 0 };
    }
    const message = await spec.render(event.payload, this.dataSource.manager);
    const audience = spec.recipients(event.payload);
    const next = audience.params.length + 1;
    const selectBatch = `SELECT u.id FROM users u WHERE (${audience.where}) AND u.active
      AND u.id > $${next} ORDER BY u.id LIMIT $${next + 1}`;

    let cursor = '00000000-0000-0000-0000-000000000000';
    let recipients = 0;
    for (;;) {
      const rows = await this.dataSource.query<{ id: string }[]>(selectBatch, [
        ...audience.params,
        cursor,
        FAN_OUT_BATCH,
      ]);
      if (rows.length === 0) {
        return { recipients };
      }
      const userIds = rows.map((row) => row.id);
      const pending = await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO notifications (user_id, event_id, kind, title_zh, title_en, body_zh, body_en, link)
           SELECT id, $2::bigint, $3, $4, $5, $6, $7, $8 FROM unnest($1::uuid[]) AS id
           ON CONFLICT (event_id, user_id) DO NOTHING`,
          [
            userIds,
            event.id,
            spec.kind,
            message.title.zh,
            message.title.en,
            message.body.zh,
            message.body.en,
            message.link,
          ],
        );
        await manager.query(
          `INSERT INTO deliveries (event_id, user_id, channel)
           SELECT $2::bigint, u.id, 'email' FROM users u
           LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $3
           WHERE u.id = ANY($1::uuid[]) AND u.email IS NOT NULL AND COALESCE(p.email, $4::boolean)
           UNION ALL
           SELECT $2::bigint, u.id, 'webhook' FROM users u
           LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $3
           WHERE $5::boolean AND u.id = ANY($1::uuid[]) AND COALESCE(p.webhook, $6::boolean)
           ON CONFLICT (event_id, user_id, channel) DO NOTHING`,
          [
            userIds,
            event.id,
            spec.kind,
            spec.defaults.email,
            this.webhook.enabled,
            spec.defaults.webhook,
          ],
        );
        return manager.query<PendingDelivery[]>(
          `SELECT id, channel, generation FROM deliveries
           WHERE event_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'pending'`,
          [event.id, userIds],
        );
      });
      await handOn(pending);
      recipients += userIds.length;
      cursor = userIds[userIds.length - 1];
    }
  }
}
