import { AuditEntry, AuditVerification } from '@app/audit';
import { RefreshToken } from '@app/auth';
import { Announcement, Delivery, Notification, NotificationPreference } from '@app/notifications';
import { OutboxEvent } from '@app/outbox';
import { Department, User } from '@app/users';

/** Every entity, listed explicitly: globs load two copies of a class under test runners. */
export const ENTITIES = [
  User,
  Department,
  RefreshToken,
  AuditEntry,
  AuditVerification,
  OutboxEvent,
  Notification,
  Delivery,
  NotificationPreference,
  Announcement,
];
