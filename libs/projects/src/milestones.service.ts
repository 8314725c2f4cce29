import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { addDays, districtDate } from './district-date.js';
import { Milestone } from './entities/milestone.entity.js';
import { Project } from './entities/project.entity.js';
import { requireLeadOfficial } from './project-access.js';
import {
  InvalidProjectInputError,
  MilestoneNotFoundError,
  ProjectNotFoundError,
} from './projects.errors.js';

export interface MilestoneChanges {
  title?: string;
  dueDate?: string;
  done?: boolean;
  report?: string;
}

/** How long a department has to rectify a project rated unsatisfied. */
export const RECTIFICATION_DAYS = 90;

/** Milestones of a project, kept by its lead department. */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async add(
    actor: AuthUser,
    projectId: string,
    input: { title: string; dueDate: string },
  ): Promise<Milestone> {
    const project = await this.dataSource.manager.findOneBy(Project, { id: projectId });
    if (!project) {
      throw new ProjectNotFoundError();
    }
    requireLeadOfficial(actor, project);
    return this.dataSource.manager.save(
      this.dataSource.manager.create(Milestone, {
        projectId,
        title: input.title.trim(),
        dueDate: input.dueDate,
        createdBy: actor.id,
      }),
    );
  }

  async update(actor: AuthUser, id: string, changes: MilestoneChanges): Promise<Milestone> {
    return this.dataSource.transaction(async (manager) => {
      const milestone = await lockMilestone(manager, id);
      const project = await manager.findOneByOrFail(Project, { id: milestone.projectId });
      requireLeadOfficial(actor, project);
      if (changes.title !== undefined) {
        milestone.title = changes.title.trim();
      }
      if (changes.dueDate !== undefined && changes.dueDate !== milestone.dueDate) {
        milestone.dueDate = changes.dueDate;
        // A new date may fall due again: it deserves its own notice.
        milestone.overdueNotifiedAt = null;
      }
      if (changes.report !== undefined) {
        if (milestone.kind !== 'rectification') {
          throw new InvalidProjectInputError({
            zh: '只有整改事项需要整改报告',
            en: 'only a rectification item takes a report',
          });
        }
        milestone.report = changes.report.trim();
      }
      if (changes.done === true && milestone.kind === 'rectification' && !milestone.report) {
        throw new InvalidProjectInputError({
          zh: '整改事项须先提交整改报告才能完成',
          en: 'a rectification item is done only with its report',
        });
      }
      if (changes.done !== undefined && changes.done !== milestone.done) {
        milestone.done = changes.done;
        milestone.doneAt = changes.done ? new Date() : null;
      }
      return manager.save(milestone);
    });
  }

  /**
   * 整改: a rectification item for each project an evaluation rated unsatisfied, due in
   * RECTIFICATION_DAYS, inside the count's transaction. The count happens once, so do these.
   */
  async requireRectification(
    manager: EntityManager,
    ballotId: string,
    projectIds: string[],
    now: Date = new Date(),
  ): Promise<Milestone[]> {
    const items: Milestone[] = [];
    for (const projectId of projectIds) {
      const item = await manager.save(
        manager.create(Milestone, {
          projectId,
          kind: 'rectification',
          title: '整改：满意度测评结果为"不满意" / Rectify: rated unsatisfied',
          dueDate: addDays(districtDate(now), RECTIFICATION_DAYS),
          createdBy: null,
        }),
      );
      await this.outbox.publish(manager, EventType.RectificationRequired, {
        projectId,
        milestoneId: item.id,
        ballotId,
      });
      items.push(item);
    }
    return items;
  }

  /**
   * Milestones past due and not done that nobody was told of yet: marked and announced in one
   * transaction, so each overdue milestone is announced once, whatever runs the scan.
   */
  async announceOverdue(now: Date = new Date()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const marked = await manager
        .createQueryBuilder()
        .update(Milestone)
        .set({ overdueNotifiedAt: now })
        .where('NOT done AND due_date < CAST(:today AS date) AND overdue_notified_at IS NULL', {
          today: districtDate(now),
        })
        .returning('id, project_id')
        .execute();
      const rows = marked.raw as { id: string; project_id: string }[];
      for (const row of rows) {
        await this.outbox.publish(manager, EventType.MilestoneOverdue, {
          milestoneId: row.id,
          projectId: row.project_id,
        });
      }
      return rows.map((row) => row.id);
    });
  }
}

async function lockMilestone(manager: EntityManager, id: string): Promise<Milestone> {
  const milestone = await manager.findOne(Milestone, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!milestone) {
    throw new MilestoneNotFoundError();
  }
  return milestone;
}
