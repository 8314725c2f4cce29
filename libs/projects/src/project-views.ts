import { In, type EntityManager } from 'typeorm';
import { districtDate } from './district-date.js';
import { Milestone } from './entities/milestone.entity.js';
import type { Project } from './entities/project.entity.js';
import { deriveProjectStatus, type ProjectStatus } from './rules/index.js';

/** An inspection left unanswered this many days is overdue. */
export const RESPONSE_DUE_DAYS = 15;

/** Inspections logged before this moment and still unanswered are overdue at `now`. */
export function answersDueBefore(now: Date): Date {
  return new Date(now.getTime() - RESPONSE_DUE_DAYS * 86_400_000);
}

export interface NamedRef {
  id: string;
  name: string;
}

/** A project as everyone may see it, with its derived status as of today in the district. */
export type ProjectView = Project & {
  leadDepartmentName: string;
  responsibleOfficialName: string | null;
  coDepartments: NamedRef[];
  sourceProposalIds: string[];
  milestones: Milestone[];
  status: ProjectStatus;
  followers: number;
  inspections: number;
  overdueResponses: number;
  today: string;
};

interface CountsRow {
  id: string;
  lead_name: string;
  official_name: string | null;
  co_departments: NamedRef[];
  source_proposal_ids: string[];
  followers: number;
  inspections: number;
  overdue_responses: number;
}

export async function withStatus(
  manager: EntityManager,
  projects: Project[],
  now: Date = new Date(),
): Promise<ProjectView[]> {
  if (projects.length === 0) {
    return [];
  }
  const today = districtDate(now);
  const ids = projects.map((project) => project.id);
  const [rows, milestones] = await Promise.all([
    manager.query<CountsRow[]>(
      `SELECT p.id,
         (SELECT d.name FROM departments d WHERE d.id = p.lead_department_id) AS lead_name,
         (SELECT u.display_name FROM users u WHERE u.id = p.responsible_official_id) AS official_name,
         coalesce((SELECT json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY d.name)
                   FROM departments d WHERE d.id = ANY (p.co_department_ids)), '[]') AS co_departments,
         ARRAY(SELECT s.proposal_id FROM candidate_sources s WHERE s.candidate_id = p.candidate_id)
           AS source_proposal_ids,
         (SELECT count(*) FROM project_followers f WHERE f.project_id = p.id)::int AS followers,
         (SELECT count(*) FROM inspections i WHERE i.project_id = p.id)::int AS inspections,
         (SELECT count(*) FROM inspections i WHERE i.project_id = p.id AND i.response IS NULL
            AND i.created_at < $2)::int AS overdue_responses
       FROM projects p WHERE p.id = ANY($1::uuid[])`,
      [ids, answersDueBefore(now)],
    ),
    manager.find(Milestone, {
      where: { projectId: In(ids) },
      order: { dueDate: 'ASC', createdAt: 'ASC' },
    }),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return projects.map((project) => {
    const row = byId.get(project.id);
    const own = milestones.filter((milestone) => milestone.projectId === project.id);
    return Object.assign(project, {
      leadDepartmentName: row?.lead_name ?? '',
      responsibleOfficialName: row?.official_name ?? null,
      coDepartments: row?.co_departments ?? [],
      sourceProposalIds: row?.source_proposal_ids ?? [],
      milestones: own,
      status: deriveProjectStatus({
        milestones: own.map((milestone) => ({ dueDate: milestone.dueDate, done: milestone.done })),
        percent: project.percent,
        today,
      }),
      followers: row?.followers ?? 0,
      inspections: row?.inspections ?? 0,
      overdueResponses: row?.overdue_responses ?? 0,
      today,
    });
  });
}
