import type { EntityManager } from 'typeorm';
import { EventType, type OutboxPayload } from '@app/outbox';
import type { NotificationKind, RecipientQuery } from './notification-kind.js';

const FOLLOWERS =
  'u.id IN (SELECT f.user_id FROM project_followers f WHERE f.project_id = $1::uuid)';
const SUPERVISORS =
  'u.id IN (SELECT s.deputy_id FROM project_supervisors s WHERE s.project_id = $1::uuid)';
const LEAD_OFFICIALS = `('official' = ANY (u.roles) AND u.department_id =
  (SELECT p.lead_department_id FROM projects p WHERE p.id = $1::uuid))`;

const about =
  (where: string) =>
  (payload: OutboxPayload): RecipientQuery => ({
    where,
    params: [payload.projectId],
  });

async function projectTitle(payload: OutboxPayload, manager: EntityManager): Promise<string> {
  const [row] = await manager.query<{ title: string }[]>(
    'SELECT title FROM projects WHERE id = $1::uuid',
    [payload.projectId],
  );
  return row?.title ?? '';
}

const link = (payload: OutboxPayload) => `/projects/${String(payload.projectId)}`;

export const projectProgressKind: NotificationKind = {
  kind: EventType.ProjectProgress,
  label: { zh: '关注项目的进展', en: 'Progress of projects I follow' },
  defaults: { email: false, webhook: false },
  recipients: about(`${FOLLOWERS} OR ${SUPERVISORS}`),
  render: async (payload, manager) => {
    const title = await projectTitle(payload, manager);
    const [row] = await manager.query<{ percent: number }[]>(
      'SELECT percent FROM progress_updates WHERE id = $1::uuid',
      [payload.progressId],
    );
    const percent = row?.percent ?? 0;
    return {
      title: { zh: '项目有新进展', en: 'A project moved on' },
      body: {
        zh: `民生实事项目"${title}"更新了进展：完成 ${percent}%。`,
        en: `The livelihood project "${title}" reported progress: ${percent}% done.`,
      },
      link: link(payload),
    };
  },
};

export const milestoneOverdueKind: NotificationKind = {
  kind: EventType.MilestoneOverdue,
  label: { zh: '项目节点逾期', en: 'Overdue milestones' },
  defaults: { email: true, webhook: true },
  recipients: about(`${LEAD_OFFICIALS} OR ${SUPERVISORS}`),
  render: async (payload, manager) => {
    const title = await projectTitle(payload, manager);
    const [row] = await manager.query<{ title: string; due_date: string }[]>(
      `SELECT title, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM milestones WHERE id = $1::uuid`,
      [payload.milestoneId],
    );
    return {
      title: { zh: '项目节点已逾期', en: 'A milestone is overdue' },
      body: {
        zh: `项目"${title}"的节点"${row?.title ?? ''}"已过计划完成日期（${row?.due_date ?? ''}）。`,
        en: `The milestone "${row?.title ?? ''}" of "${title}" was due on ${row?.due_date ?? ''}.`,
      },
      link: link(payload),
    };
  },
};

export const inspectionLoggedKind: NotificationKind = {
  kind: EventType.InspectionLogged,
  label: { zh: '代表视察意见', en: 'Inspection findings' },
  defaults: { email: true, webhook: false },
  recipients: about(LEAD_OFFICIALS),
  render: async (payload, manager) => {
    const title = await projectTitle(payload, manager);
    return {
      title: { zh: '人大代表提交了视察意见', en: 'A deputy logged an inspection' },
      body: {
        zh: `监督小组代表对项目"${title}"提交了视察意见，请在 15 日内答复。`,
        en: `A supervising deputy logged an inspection of "${title}": please answer within 15 days.`,
      },
      link: link(payload),
    };
  },
};

export const inspectionAnsweredKind: NotificationKind = {
  kind: EventType.InspectionAnswered,
  label: { zh: '视察意见的答复', en: 'Answers to inspections' },
  defaults: { email: true, webhook: false },
  recipients: about(SUPERVISORS),
  render: async (payload, manager) => {
    const title = await projectTitle(payload, manager);
    return {
      title: { zh: '牵头单位答复了视察意见', en: 'The lead department answered an inspection' },
      body: {
        zh: `项目"${title}"的牵头单位答复了视察意见。`,
        en: `The lead department of "${title}" answered an inspection.`,
      },
      link: link(payload),
    };
  },
};

export const rectificationRequiredKind: NotificationKind = {
  kind: EventType.RectificationRequired,
  label: { zh: '整改要求', en: 'Rectification required' },
  defaults: { email: true, webhook: true },
  recipients: about(`${LEAD_OFFICIALS} OR ${SUPERVISORS}`),
  render: async (payload, manager) => {
    const title = await projectTitle(payload, manager);
    const [row] = await manager.query<{ due_date: string }[]>(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date FROM milestones WHERE id = $1::uuid`,
      [payload.milestoneId],
    );
    return {
      title: { zh: '项目满意度测评结果为"不满意"，须整改', en: 'A project was rated unsatisfied' },
      body: {
        zh: `项目"${title}"在满意度测评中被评为"不满意"，请牵头单位于 ${row?.due_date ?? ''} 前提交整改报告。`,
        en: `"${title}" was rated unsatisfied: the lead department owes a rectification report by ${row?.due_date ?? ''}.`,
      },
      link: link(payload),
    };
  },
};
