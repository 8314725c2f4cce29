import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Page } from '@app/common';
import type { Notification } from '@app/notifications';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { PageResponseOf } from '../../common/page.response.js';
import { BilingualText } from './bilingual.response.js';

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === 'true') {
    return true;
  }
  return value === 'false' ? false : value;
};

export class QueryInboxDto extends PageQueryDto {
  /** `true`: unread notifications only */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationResponse {
  id: string;
  /** The kind of notification, e.g. `announcement` */
  kind: string;
  title: BilingualText;
  body: BilingualText;
  /** Where in the app it leads, if anywhere */
  link: string | null;
  createdAt: Date;
  /** When the user marked it read; null while unread */
  readAt: Date | null;

  static from(notification: Notification): NotificationResponse {
    return Object.assign(new NotificationResponse(), {
      id: notification.id,
      kind: notification.kind,
      title: BilingualText.from({ zh: notification.titleZh, en: notification.titleEn }),
      body: BilingualText.from({ zh: notification.bodyZh, en: notification.bodyEn }),
      link: notification.link,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
    });
  }
}

const NotificationPage = PageResponseOf(NotificationResponse);

/** A page of the inbox, with the number of unread notifications in all. */
export class InboxResponse extends NotificationPage {
  /** Unread notifications in the whole inbox, not only on this page */
  unread: number;

  static of(page: Page<Notification>, unread: number): InboxResponse {
    return Object.assign(new InboxResponse(), {
      ...page,
      items: page.items.map((notification) => NotificationResponse.from(notification)),
      unread,
    });
  }
}

export class UnreadCountResponse {
  unread: number;
}

export class MarkedReadResponse {
  /** How many notifications were unread and are now read */
  marked: number;
}
