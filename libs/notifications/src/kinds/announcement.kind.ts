import { EventType } from '@app/outbox';
import { Announcement } from '../announcement.entity.js';
import type { NotificationKind } from './notification-kind.js';

export const ANNOUNCEMENT = EventType.Announcement;

export const announcementKind: NotificationKind = {
  kind: ANNOUNCEMENT,
  label: { zh: '人大常委会办公室公告', en: 'Announcements of the secretariat' },
  defaults: { email: true, webhook: false },
  recipients: (payload) => ({
    where: `u.roles && (SELECT audience FROM announcements WHERE id = $1)`,
    params: [payload.announcementId],
  }),
  render: async (payload, manager) => {
    const announcement = await manager.findOneByOrFail(Announcement, {
      id: String(payload.announcementId),
    });
    // The secretariat writes one text; it is shown in both languages' places.
    return {
      title: { zh: announcement.title, en: announcement.title },
      body: { zh: announcement.body, en: announcement.body },
      link: null,
    };
  },
};
