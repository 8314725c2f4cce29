import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface UndispatchedEvent {
  id: string;
  type: string;
}

@Injectable()
export class OutboxRelayService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Hands the oldest undispatched events to `send` and marks them dispatched, all in one
   * transaction. SKIP LOCKED lets several relays work side by side without taking the same
   * event; if `send` fails (Redis away), nothing is marked and the events wait for the next try.
   */
  async relayBatch(
    send: (events: UndispatchedEvent[]) => Promise<void>,
    limit: number,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const events = await manager.query<UndispatchedEvent[]>(
        `SELECT id, type FROM outbox_events WHERE dispatched_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (events.length === 0) {
        return 0;
      }
      await send(events);
      await manager.query(
        'UPDATE outbox_events SET dispatched_at = now() WHERE id = ANY($1::bigint[])',
        [events.map((event) => event.id)],
      );
      return events.length;
    });
  }
}
