import { EventType } from '@app/outbox';
import type { NotificationKind } from './notification-kind.js';

export const AUDIT_CHAIN_BROKEN = EventType.AuditChainBroken;

export const auditChainBrokenKind: NotificationKind = {
  kind: AUDIT_CHAIN_BROKEN,
  label: { zh: '审计链校验失败', en: 'Audit chain verification failed' },
  defaults: { email: true, webhook: true },
  recipients: () => ({
    where: `u.roles && ARRAY['secretariat', 'admin']::user_role[]`,
    params: [],
  }),
  render: (payload) =>
    Promise.resolve({
      title: { zh: '审计日志校验失败', en: 'The audit log failed verification' },
      body: {
        zh: `审计链在第 ${String(payload.brokenAt)} 条记录处断裂，请立即核查数据库。`,
        en: `The audit hash chain breaks at entry ${String(payload.brokenAt)}: check the database now.`,
      },
      link: '/admin/audit',
    }),
};
