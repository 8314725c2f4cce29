import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { AnnouncementsController } from './announcements.controller.js';
import { DeliveriesController } from './deliveries.controller.js';
import { InboxController } from './inbox.controller.js';
import { PreferencesController } from './preferences.controller.js';

@Module({
  imports: [NotificationsModule],
  // The controllers under fixed sub-paths are registered before the inbox's `:id` routes.
  controllers: [
    PreferencesController,
    DeliveriesController,
    InboxController,
    AnnouncementsController,
  ],
})
export class NotificationsApiModule {}
