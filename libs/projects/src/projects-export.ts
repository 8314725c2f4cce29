import { toCsv } from '@app/common';
import type { ProjectView } from './project-views.js';
import { isOverdue } from './rules/index.js';
import type { ProjectStatus } from './rules/index.js';

const STATUS_NAMES: Record<ProjectStatus, string> = {
  not_started: '未开始 not started',
  on_track: '正常推进 on track',
  at_risk: '有风险 at risk',
  delayed: '滞后 delayed',
  completed: '已完成 completed',
};

const HEADER = [
  '项目 Project',
  '牵头单位 Lead department',
  '责任人 Responsible official',
  '配合单位 Co-departments',
  '预算（元）Budget (yuan)',
  '进度（%）Progress (%)',
  '状态 Status',
  '节点完成 Milestones done',
  '节点总数 Milestones',
  '逾期节点 Overdue milestones',
  '视察次数 Inspections',
  '超期未答复 Answers overdue',
  '目标 Targets',
];

/** A cycle's projects as the CSV a secretariat sends upward (UTF-8 with BOM for Excel). */
export function projectsCsv(projects: readonly ProjectView[]): string {
  return toCsv(
    HEADER,
    projects.map((project) => [
      project.title,
      project.leadDepartmentName,
      project.responsibleOfficialName ?? '',
      project.coDepartments.map((department) => department.name).join('、'),
      Number(project.budget),
      // No report yet: an empty cell, not a 0 that reads as "reported nothing done".
      project.percent,
      STATUS_NAMES[project.status],
      project.milestones.filter((milestone) => milestone.done).length,
      project.milestones.length,
      project.milestones.filter((milestone) => isOverdue(milestone, project.today)).length,
      project.inspections,
      project.overdueResponses,
      project.targets.join('；'),
    ]),
  );
}
