import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser, Role } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { Announcement } from './announcement.entity.js';

@Injectable()
export class AnnouncementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Publishes an announcement to every active user holding one of the audience roles. */
  async announce(
    actor: AuthUser,
    input: { title: string; body: string; audience: Role[] },
  ): Promise<Announcement> {
    return this.dataSource.transaction(async (manager) => {
      const announcement = await manager.save(
        manager.create(Announcement, {
          ...input,
          audience: [...new Set(input.audience)],
          createdBy: actor.id,
        }),
      );
      await this.outbox.publish(manager, EventType.Announcement, {
        announcementId: announcement.id,
      });
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'announcement.published',
        entityType: 'announcement',
        entityId: announcement.id,
        details: { audience: announcement.audience },
      });
      return announcement;
    });
  }
}
