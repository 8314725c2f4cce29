import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { CyclesService } from '@app/cycles';
import { pageOf, skipOf, type AuthUser, type Page, type PageRequest } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { Follower } from './entities/follower.entity.js';
import { ProgressUpdate } from './entities/progress-update.entity.js';
import { Project } from './entities/project.entity.js';
import { requireLeadOfficial, requireSecretariatOrLead } from './project-access.js';
import { withStatus, type ProjectView } from './project-views.js';
import {
  InvalidProjectInputError,
  ProgressDecreaseError,
  ProjectNotFoundError,
} from './projects.errors.js';
import { finalSelection } from './selection.js';

export interface ProjectAssignment {
  responsibleOfficialId?: string | null;
  coDepartmentIds?: string[];
}

export interface NewProgress {
  percent: number;
  note: string;
  reason?: string | null;
}

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly cycles: CyclesService,
  ) {}

  /**
   * Makes a project of each finally selected candidate, inside the phase move's transaction.
   * The unique candidate key makes a retried move add nothing.
   */
  async createFromSelection(
    manager: EntityManager,
    actor: AuthUser,
    cycleId: string,
  ): Promise<number> {
    const selected = await finalSelection(manager, cycleId);
    const created = await manager.query<{ id: string }[]>(
      `INSERT INTO projects (cycle_id, candidate_id, title, category, summary, targets, budget,
                             lead_department_id)
       SELECT c.cycle_id, c.id, c.title, c.category, c.summary, c.targets, c.budget,
              c.lead_department_id
       FROM candidates c WHERE c.cycle_id = $1 AND c.id = ANY($2::uuid[])
       ON CONFLICT (candidate_id) DO NOTHING
       RETURNING id`,
      [cycleId, selected],
    );
    await this.audit.append(manager, {
      actorId: actor.id,
      action: 'projects.created',
      entityType: 'cycle',
      entityId: cycleId,
      details: { candidates: selected, projects: created.map((row) => row.id) },
    });
    return created.length;
  }

  async list(cycleId: string, request: PageRequest): Promise<Page<ProjectView>> {
    const [projects, total] = await this.inListOrder(cycleId)
      // One row per project (the join selects nothing), so plain OFFSET/LIMIT page it.
      .offset(skipOf(request))
      .limit(request.pageSize)
      .getManyAndCount();
    if (total === 0) {
      // An empty list may mean there is no such cycle: only then is it worth asking.
      await this.cycles.find(cycleId);
    }
    return pageOf(await withStatus(this.dataSource.manager, projects), total, request);
  }

  /** Every project of the cycle, for exports. */
  async all(cycleId: string): Promise<ProjectView[]> {
    return withStatus(this.dataSource.manager, await this.inListOrder(cycleId).getMany());
  }

  async get(id: string): Promise<ProjectView> {
    const [view] = await withStatus(this.dataSource.manager, [await this.find(id)]);
    return view;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<Project> {
    const project = await manager.findOneBy(Project, { id });
    if (!project) {
      throw new ProjectNotFoundError();
    }
    return project;
  }

  /** 责任人 and 配合单位: by the secretariat or the lead department. */
  async assign(actor: AuthUser, id: string, input: ProjectAssignment): Promise<ProjectView> {
    await this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(Project, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!project) {
        throw new ProjectNotFoundError();
      }
      requireSecretariatOrLead(actor, project);
      if (input.responsibleOfficialId !== undefined && input.responsibleOfficialId !== null) {
        const [official] = await manager.query<unknown[]>(
          `SELECT 1 FROM users WHERE id = $1 AND active AND 'official' = ANY (roles)
             AND department_id = $2`,
          [input.responsibleOfficialId, project.leadDepartmentId],
        );
        if (!official) {
          throw new InvalidProjectInputError({
            zh: '责任人须为牵头单位在职的工作人员',
            en: 'the responsible official must be an active official of the lead department',
          });
        }
      }
      if (input.coDepartmentIds !== undefined) {
        const ids = [...new Set(input.coDepartmentIds)];
        const [{ found }] = await manager.query<{ found: number }[]>(
          'SELECT count(*)::int AS found FROM departments WHERE id = ANY($1::uuid[])',
          [ids],
        );
        if (found !== ids.length || ids.includes(project.leadDepartmentId)) {
          throw new InvalidProjectInputError({
            zh: '配合单位须为已有部门，且不能是牵头单位',
            en: 'co-departments must exist and not be the lead department',
          });
        }
        input = { ...input, coDepartmentIds: ids };
      }
      await manager.update(
        Project,
        { id },
        {
          ...(input.responsibleOfficialId !== undefined
            ? { responsibleOfficialId: input.responsibleOfficialId }
            : {}),
          ...(input.coDepartmentIds !== undefined
            ? { coDepartmentIds: input.coDepartmentIds }
            : {}),
        },
      );
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'project.assigned',
        entityType: 'project',
        entityId: id,
        details: { ...input },
      });
    });
    return this.get(id);
  }

  /**
   * A progress report by the lead department. Reports are serialised per project (row lock),
   * so "never lower without a reason" compares with the report really before it.
   */
  async postProgress(actor: AuthUser, id: string, input: NewProgress): Promise<ProgressUpdate> {
    return this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(Project, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!project) {
        throw new ProjectNotFoundError();
      }
      requireLeadOfficial(actor, project);
      const reason = input.reason?.trim() || null;
      if (project.percent !== null && input.percent < project.percent && !reason) {
        throw new ProgressDecreaseError(project.percent, input.percent);
      }
      const update = await manager.save(
        manager.create(ProgressUpdate, {
          projectId: id,
          percent: input.percent,
          note: input.note.trim(),
          reason,
          authorId: actor.id,
        }),
      );
      await manager.update(Project, { id }, { percent: input.percent });
      await this.outbox.publish(manager, EventType.ProjectProgress, {
        projectId: id,
        progressId: update.id,
      });
      return update;
    });
  }

  /** Newest first; read beside `get`, which answers 404 for an unknown project. */
  async progressOf(id: string): Promise<ProgressUpdate[]> {
    return this.dataSource
      .getRepository(ProgressUpdate)
      .find({ where: { projectId: id }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** A resident follows a project: they hear of its progress. Following twice is once. */
  async follow(actor: AuthUser, id: string, following: boolean): Promise<{ following: boolean }> {
    await this.find(id);
    if (following) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(Follower)
        .values({ projectId: id, userId: actor.id })
        .orIgnore()
        .execute();
    } else {
      await this.dataSource.getRepository(Follower).delete({ projectId: id, userId: actor.id });
    }
    return { following };
  }

  /** A cycle's projects in the order of the candidate list they came from. */
  private inListOrder(cycleId: string) {
    return this.dataSource
      .getRepository(Project)
      .createQueryBuilder('project')
      .innerJoin('project.candidate', 'candidate')
      .where('project.cycleId = :cycleId', { cycleId })
      .orderBy('candidate.createdAt', 'ASC')
      .addOrderBy('candidate.id', 'ASC');
  }
}
