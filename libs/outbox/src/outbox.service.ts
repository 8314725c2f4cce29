import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/common';
import { OutboxEvent, type OutboxPayload } from './outbox-event.entity.js';

export class OutboxOutsideTransactionError extends DomainError {
  constructor() {
    super(
      'outbox.outside_transaction',
      'unavailable',
      '事件必须与引发它的变更在同一事务中写入 / An event must be written in the transaction of its change',
    );
  }
}

@Injectable()
export class OutboxService {
  /**
   * Announces an event inside the caller's transaction: it exists exactly when the change does,
   * so a rolled-back change sends nothing and a committed one is never lost.
   */
  async publish(manager: EntityManager, type: string, payload: OutboxPayload): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new OutboxOutsideTransactionError();
    }
    await manager.insert(OutboxEvent, { type, payload });
  }
}
