import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { districtDate } from './district-date.js';
import { Milestone } from './entities/milestone.entity.js';
import { Project } from './entities/project.entity.js';
import { requireLeadOfficial } from './project-access.js';
import { MilestoneNotFoundError, ProjectNotFoundError } from './projects.errors.js';

export interface MilestoneChanges {
  title?: string;
  dueDate?: string;
  done?: boolean;
}

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
      if (changes.done !== undefined && changes.done !== milestone.done) {
        milestone.done = changes.done;
        milestone.doneAt = changes.done ? new Date() : null;
      }
      return manager.save(milestone);
    });
  }

  /**
   * Milestones past due and not done that nobody was told of yet: marked and announced in one
   * transaction, so each overdue milestone is announced once, whatever runs the scan.
   */
  async announceOverdue(now: Date = new Date()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[{ id: string; project_id: string }[], number]>(
        `UPDATE milestones SET overdue_notified_at = now()
         WHERE NOT done AND due_date < $1::date AND overdue_notified_at IS NULL
         RETURNING id, project_id`,
        [districtDate(now)],
      );
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
