import { EventType } from '@app/outbox';
import type { NotificationKind } from './notification-kind.js';

export const PROPOSAL_REVIEWED = EventType.ProposalReviewed;

interface ReviewedRow {
  title: string;
  status: string;
  reject_reason: string | null;
  merged_into_title: string | null;
}

/** The screening outcome of a proposal, told to its author only (never to anyone else). */
export const proposalReviewedKind: NotificationKind = {
  kind: PROPOSAL_REVIEWED,
  label: { zh: '建议审查结果', en: 'Screening of my proposals' },
  defaults: { email: true, webhook: false },
  recipients: (payload) => ({
    where: 'u.id = (SELECT author_id FROM proposals WHERE id = $1::uuid)',
    params: [payload.proposalId],
  }),
  render: async (payload, manager) => {
    const [row] = await manager.query<ReviewedRow[]>(
      `SELECT p.title, p.status, p.reject_reason, t.title AS merged_into_title
       FROM proposals p LEFT JOIN proposals t ON t.id = p.merged_into_id
       WHERE p.id = $1::uuid`,
      [payload.proposalId],
    );
    const title = row?.title ?? '';
    const link = `/proposals/${String(payload.proposalId)}`;
    switch (row?.status) {
      case 'accepted':
        return {
          title: { zh: '您的建议已采纳', en: 'Your proposal was accepted' },
          body: {
            zh: `您的建议《${title}》已采纳，将作为候选项目的来源进入筛选。`,
            en: `Your proposal "${title}" was accepted and goes forward to the candidate list.`,
          },
          link,
        };
      case 'rejected':
        return {
          title: { zh: '您的建议不予采纳', en: 'Your proposal was rejected' },
          body: {
            zh: `您的建议《${title}》不予采纳。理由：${row.reject_reason ?? ''}`,
            en: `Your proposal "${title}" was rejected. Reason: ${row.reject_reason ?? ''}`,
          },
          link,
        };
      case 'merged':
        return {
          title: { zh: '您的建议已合并', en: 'Your proposal was merged' },
          body: {
            zh: `您的建议《${title}》已合并到《${row.merged_into_title ?? ''}》。`,
            en: `Your proposal "${title}" was merged into "${row.merged_into_title ?? ''}".`,
          },
          link,
        };
      default:
        return {
          title: { zh: '您的建议已处理', en: 'Your proposal was reviewed' },
          body: {
            zh: `您的建议《${title}》已处理。`,
            en: `Your proposal "${title}" was reviewed.`,
          },
          link,
        };
    }
  },
};
