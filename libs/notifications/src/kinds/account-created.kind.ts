import { EventType } from '@app/outbox';
import type { NotificationKind } from './notification-kind.js';

export const ACCOUNT_CREATED = EventType.AccountCreated;

export const accountCreatedKind: NotificationKind = {
  kind: ACCOUNT_CREATED,
  label: { zh: '账号开通', en: 'Account created' },
  defaults: { email: true, webhook: false },
  recipients: (payload) => ({ where: 'u.id = $1', params: [payload.userId] }),
  render: async (payload, manager) => {
    const [user] = await manager.query<{ display_name: string }[]>(
      'SELECT display_name FROM users WHERE id = $1',
      [payload.userId],
    );
    const name = user?.display_name ?? '';
    return {
      title: { zh: '欢迎使用民生实事', en: 'Welcome to Minsheng' },
      body: {
        zh: `${name}，您好！您的账号已开通，可以提出民生实事建议、附议他人的建议并关注项目进展。`,
        en: `Hello ${name}, your account is ready: propose livelihood projects, support others' proposals and follow the projects.`,
      },
      link: null,
    };
  },
};
