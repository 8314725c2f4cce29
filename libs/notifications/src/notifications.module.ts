import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { AnnouncementsService } from './announcements.service.js';
import { EmailChannel } from './channels/email.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { DeliveriesService } from './deliveries.service.js';
import { FanOutService } from './fan-out.service.js';
import { InboxService } from './inbox.service.js';
import { PreferencesService } from './preferences.service.js';

@Module({
  imports: [OutboxModule, AuditModule],
  providers: [
    AnnouncementsService,
    DeliveriesService,
    EmailChannel,
    FanOutService,
    InboxService,
    PreferencesService,
    WebhookChannel,
  ],
  exports: [
    AnnouncementsService,
    DeliveriesService,
    FanOutService,
    InboxService,
    PreferencesService,
  ],
})
export class NotificationsModule {}
