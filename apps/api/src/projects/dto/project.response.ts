import type { ProposalCategory } from '@app/proposals';
import type {
  InspectionView,
  Milestone,
  ProgressUpdate,
  ProjectStatus,
  ProjectView,
  SupervisorView,
} from '@app/projects';
import { isOverdue } from '@app/projects';

export class NamedResponse {
  id: string;
  name: string;
}

export class MilestoneResponse {
  id: string;
  projectId: string;
  /** milestone, or rectification (整改) after an unsatisfied evaluation */
  kind: string;
  title: string;
  dueDate: string;
  done: boolean;
  doneAt: Date | null;
  /** 整改报告 of a rectification item */
  report: string | null;
  /** Past due and not done, today in the district */
  overdue: boolean;

  static from(milestone: Milestone, today: string): MilestoneResponse {
    return Object.assign(new MilestoneResponse(), {
      id: milestone.id,
      projectId: milestone.projectId,
      kind: milestone.kind,
      title: milestone.title,
      dueDate: milestone.dueDate,
      done: milestone.done,
      doneAt: milestone.doneAt,
      report: milestone.report,
      overdue: isOverdue(milestone, today),
    });
  }
}

export class ProjectResponse {
  id: string;
  cycleId: string;
  candidateId: string;
  title: string;
  category: ProposalCategory;
  summary: string;
  targets: string[];
  /** Integer yuan */
  budget: number;
  /** 牵头单位 */
  leadDepartment: NamedResponse;
  /** 责任人 */
  responsibleOfficial: NamedResponse | null;
  /** 配合单位 */
  coDepartments: NamedResponse[];
  /** The proposals the project grew from */
  sourceProposalIds: string[];
  /** Latest reported progress (0–100), null before any */
  percent: number | null;
  /** not_started, on_track, at_risk (a milestone due within 14 days), delayed (one overdue), completed */
  status: ProjectStatus;
  milestones: MilestoneResponse[];
  followers: number;
  inspections: number;
  /** Inspections unanswered for more than 15 days */
  overdueResponses: number;

  static from(project: ProjectView): ProjectResponse {
    return Object.assign(new ProjectResponse(), {
      id: project.id,
      cycleId: project.cycleId,
      candidateId: project.candidateId,
      title: project.title,
      category: project.category,
      summary: project.summary,
      targets: project.targets,
      budget: Number(project.budget),
      leadDepartment: { id: project.leadDepartmentId, name: project.leadDepartmentName },
      responsibleOfficial: project.responsibleOfficialId
        ? { id: project.responsibleOfficialId, name: project.responsibleOfficialName ?? '' }
        : null,
      coDepartments: project.coDepartments,
      sourceProposalIds: project.sourceProposalIds,
      percent: project.percent,
      status: project.status,
      milestones: project.milestones.map((milestone) =>
        MilestoneResponse.from(milestone, project.today),
      ),
      followers: project.followers,
      inspections: project.inspections,
      overdueResponses: project.overdueResponses,
    });
  }
}

export class ProgressResponse {
  id: string;
  projectId: string;
  percent: number;
  note: string;
  reason: string | null;
  authorId: string;
  createdAt: Date;

  static from(update: ProgressUpdate): ProgressResponse {
    return Object.assign(new ProgressResponse(), {
      id: update.id,
      projectId: update.projectId,
      percent: update.percent,
      note: update.note,
      reason: update.reason,
      authorId: update.authorId,
      createdAt: update.createdAt,
    });
  }
}

export class SupervisorResponse {
  id: string;
  displayName: string;

  static from(supervisor: SupervisorView): SupervisorResponse {
    return Object.assign(new SupervisorResponse(), supervisor);
  }
}

export class InspectionResponse {
  id: string;
  projectId: string;
  deputy: NamedResponse;
  visitedOn: string;
  findings: string;
  rating: number;
  createdAt: Date;
  response: string | null;
  respondedAt: Date | null;
  /** Unanswered for more than 15 days */
  overdue: boolean;

  static from(inspection: InspectionView): InspectionResponse {
    return Object.assign(new InspectionResponse(), {
      id: inspection.id,
      projectId: inspection.projectId,
      deputy: { id: inspection.deputyId, name: inspection.deputyName },
      visitedOn: inspection.visitedOn,
      findings: inspection.findings,
      rating: inspection.rating,
      createdAt: inspection.createdAt,
      response: inspection.response,
      respondedAt: inspection.respondedAt,
      overdue: inspection.overdue,
    });
  }
}

export class ProjectDetailResponse extends ProjectResponse {
  /** Newest first */
  progress: ProgressResponse[];
  supervisors: SupervisorResponse[];
  /** Newest first, with the department's answers */
  inspectionLog: InspectionResponse[];

  static fromDetail(
    project: ProjectView,
    progress: ProgressUpdate[],
    supervisors: SupervisorView[],
    inspections: InspectionView[],
  ): ProjectDetailResponse {
    return Object.assign(new ProjectDetailResponse(), ProjectResponse.from(project), {
      progress: progress.map((update) => ProgressResponse.from(update)),
      supervisors: supervisors.map((supervisor) => SupervisorResponse.from(supervisor)),
      inspectionLog: inspections.map((inspection) => InspectionResponse.from(inspection)),
    });
  }
}

export class FollowResponse {
  following: boolean;
}
