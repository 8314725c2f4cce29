import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { NOTIFICATION_KINDS, type Bilingual } from './kinds/index.js';
import { NotificationPreference } from './notification-preference.entity.js';

export interface KindPreference {
  kind: string;
  label: Bilingual;
  /** Always true: the in-app inbox receives every notification. */
  inApp: true;
  email: boolean;
  webhook: boolean;
}

export class UnknownNotificationKindError extends DomainError {
  constructor(kind: string) {
    super(
      'notification.unknown_kind',
      'invalid',
      `未知的通知类型 / Unknown notification kind: ${kind}`,
    );
  }
}

@Injectable()
export class PreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every kind with the user's choice, or the kind's default where they have not chosen. */
  async list(userId: string): Promise<KindPreference[]> {
    const chosen = await this.dataSource.getRepository(NotificationPreference).findBy({ userId });
    const byKind = new Map(chosen.map((preference) => [preference.kind, preference]));
    return [...NOTIFICATION_KINDS.values()].map((spec) => ({
      kind: spec.kind,
      label: spec.label,
      inApp: true,
      email: byKind.get(spec.kind)?.email ?? spec.defaults.email,
      webhook: byKind.get(spec.kind)?.webhook ?? spec.defaults.webhook,
    }));
  }

  async update(
    userId: string,
    choices: { kind: string; email: boolean; webhook: boolean }[],
  ): Promise<KindPreference[]> {
    for (const choice of choices) {
      if (!NOTIFICATION_KINDS.has(choice.kind)) {
        throw new UnknownNotificationKindError(choice.kind);
      }
    }
    await this.dataSource.getRepository(NotificationPreference).upsert(
      choices.map((choice) => ({ userId, ...choice })),
      ['userId', 'kind'],
    );
    return this.list(userId);
  }
}
