import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { NotFoundError, pageOf, skipOf, type Page, type PageRequest } from '@app/common';
import { Notification } from './notification.entity.js';

export class NotificationNotFoundError extends NotFoundError {
  constructor() {
    super('Notification', '通知');
  }
}

/** A user's in-app inbox; nobody reads or marks another user's notifications. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    userId: string,
    request: PageRequest & { unreadOnly?: boolean },
  ): Promise<Page<Notification>> {
    const [items, total] = await this.dataSource.getRepository(Notification).findAndCount({
      where: { userId, ...(request.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: skipOf(request),
      take: request.pageSize,
    });
    return pageOf(items, total, request);
  }

  unreadCount(userId: string): Promise<number> {
    return this.dataSource.getRepository(Notification).countBy({ userId, readAt: IsNull() });
  }

  async markRead(userId: string, notificationId: string): Promise<Notification> {
    const repository = this.dataSource.getRepository(Notification);
    const notification = await repository.findOneBy({ id: notificationId, userId });
    if (!notification) {
      throw new NotificationNotFoundError();
    }
    if (!notification.readAt) {
      await repository.update({ id: notificationId, readAt: IsNull() }, { readAt: new Date() });
      // A concurrent mark may have come first: answer the reading time that was stored.
      return repository.findOneByOrFail({ id: notificationId, userId });
    }
    return notification;
  }

  async markAllRead(userId: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(Notification)
      .update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return result.affected ?? 0;
  }
}
