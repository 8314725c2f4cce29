import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { districtDate } from './district-date.js';
import { Inspection } from './entities/inspection.entity.js';
import { Project } from './entities/project.entity.js';
import { Supervisor } from './entities/supervisor.entity.js';
import { requireLeadOfficial } from './project-access.js';
import { answersDueBefore, withStatus, type ProjectView } from './project-views.js';
import {
  AlreadyAnsweredError,
  InspectionNotFoundError,
  InvalidProjectInputError,
  NotSupervisorError,
  ProjectNotFoundError,
} from './projects.errors.js';

export interface SupervisorView {
  id: string;
  displayName: string;
}

export type InspectionView = Inspection & { deputyName: string; overdue: boolean };

/** 代表监督小组: who supervises a project, their inspections, and the department's answers. */
@Injectable()
export class SupervisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** The secretariat names the supervising deputies; the list replaces the one before. */
  async assignSupervisors(
    actor: AuthUser,
    projectId: string,
    deputyIds: string[],
  ): Promise<SupervisorView[]> {
    const ids = [...new Set(deputyIds)];
    await this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(Project, {
        where: { id: projectId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!project) {
        throw new ProjectNotFoundError();
      }
      const [{ deputies }] = await manager.query<{ deputies: number }[]>(
        `SELECT count(*)::int AS deputies FROM users
         WHERE id = ANY($1::uuid[]) AND active AND 'deputy' = ANY (roles)`,
        [ids],
      );
      if (deputies !== ids.length) {
        throw new InvalidProjectInputError({
          zh: '监督小组成员须为在任的人大代表',
          en: 'supervisors must be active deputies',
        });
      }
      await manager.delete(Supervisor, { projectId });
      if (ids.length > 0) {
        await manager.insert(
          Supervisor,
          ids.map((deputyId) => ({ projectId, deputyId })),
        );
      }
      await this.audit.append(manager, {
        actorId: actor.id,
        action: 'project.supervisors_assigned',
        entityType: 'project',
        entityId: projectId,
        details: { deputyIds: ids },
      });
    });
    return this.supervisorsOf(projectId);
  }

  async supervisorsOf(projectId: string): Promise<SupervisorView[]> {
    return this.dataSource.query<SupervisorView[]>(
      `SELECT u.id, u.display_name AS "displayName" FROM project_supervisors s
       JOIN users u ON u.id = s.deputy_id WHERE s.project_id = $1 ORDER BY u.display_name, u.id`,
      [projectId],
    );
  }

  /** The projects a deputy supervises, newest cycle first, each in its list order. */
  async projectsSupervisedBy(deputyId: string): Promise<ProjectView[]> {
    const projects = await this.dataSource
      .getRepository(Project)
      .createQueryBuilder('project')
      .innerJoin(Supervisor, 'supervisor', 'supervisor.projectId = project.id')
      .innerJoin('project.candidate', 'candidate')
      .innerJoin('cycles', 'cycle', 'cycle.id = project.cycle_id')
      .where('supervisor.deputyId = :deputyId', { deputyId })
      .orderBy('cycle.year', 'DESC')
      .addOrderBy('candidate.createdAt', 'ASC')
      .addOrderBy('candidate.id', 'ASC')
      .getMany();
    return withStatus(this.dataSource.manager, projects);
  }

  /** Only a deputy of the project's supervision group logs an inspection. */
  async logInspection(
    actor: AuthUser,
    projectId: string,
    input: { visitedOn: string; findings: string; rating: number },
  ): Promise<InspectionView> {
    const inspection = await this.dataSource.transaction(async (manager) => {
      const project = await manager.findOneBy(Project, { id: projectId });
      if (!project) {
        throw new ProjectNotFoundError();
      }
      const supervising = await manager.findOneBy(Supervisor, { projectId, deputyId: actor.id });
      if (!supervising) {
        throw new NotSupervisorError();
      }
      if (input.visitedOn > districtDate()) {
        throw new InvalidProjectInputError({
          zh: '视察日期不能晚于今天',
          en: 'the visit date cannot be after today',
        });
      }
      const saved = await manager.save(
        manager.create(Inspection, {
          projectId,
          deputyId: actor.id,
          visitedOn: input.visitedOn,
          findings: input.findings.trim(),
          rating: input.rating,
        }),
      );
      await this.outbox.publish(manager, EventType.InspectionLogged, {
        inspectionId: saved.id,
        projectId,
      });
      return saved;
    });
    return this.view(inspection.id);
  }

  /** The lead department answers an inspection, once. */
  async respond(actor: AuthUser, inspectionId: string, response: string): Promise<InspectionView> {
    await this.dataSource.transaction(async (manager) => {
      const inspection = await manager.findOne(Inspection, {
        where: { id: inspectionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!inspection) {
        throw new InspectionNotFoundError();
      }
      const project = await manager.findOneByOrFail(Project, { id: inspection.projectId });
      requireLeadOfficial(actor, project);
      if (inspection.response !== null) {
        throw new AlreadyAnsweredError();
      }
      await manager.update(
        Inspection,
        { id: inspectionId },
        { response: response.trim(), respondedBy: actor.id, respondedAt: new Date() },
      );
      await this.outbox.publish(manager, EventType.InspectionAnswered, {
        inspectionId,
        projectId: project.id,
      });
    });
    return this.view(inspectionId);
  }

  async inspectionsOf(projectId: string, now: Date = new Date()): Promise<InspectionView[]> {
    const rows = await this.dataSource
      .getRepository(Inspection)
      .find({ where: { projectId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return this.withNames(rows, now);
  }

  private async view(id: string): Promise<InspectionView> {
    const inspection = await this.dataSource.getRepository(Inspection).findOneByOrFail({ id });
    const [view] = await this.withNames([inspection], new Date());
    return view;
  }

  private async withNames(rows: Inspection[], now: Date): Promise<InspectionView[]> {
    if (rows.length === 0) {
      return [];
    }
    const names = await this.dataSource.query<{ id: string; display_name: string }[]>(
      'SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])',
      [[...new Set(rows.map((row) => row.deputyId))]],
    );
    const byId = new Map(names.map((row) => [row.id, row.display_name]));
    const dueBefore = answersDueBefore(now).getTime();
    return rows.map((row) =>
      Object.assign(row, {
        deputyName: byId.get(row.deputyId) ?? '',
        overdue: row.response === null && row.createdAt.getTime() < dueBefore,
      }),
    );
  }
}
