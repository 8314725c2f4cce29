import type { EntityManager } from 'typeorm';
import { EventType, type OutboxPayload } from '@app/outbox';
import type { NotificationKind, RecipientQuery } from './notification-kind.js';

const ELECTORATE =
  'u.id IN (SELECT e.deputy_id FROM ballot_electorate e WHERE e.ballot_id = $1::uuid)';

const electorate = (payload: OutboxPayload): RecipientQuery => ({
  where: ELECTORATE,
  params: [payload.ballotId],
});

/** Who has not voted is known (participation is not secret); what anyone voted is not. */
const notYetVoted = (payload: OutboxPayload): RecipientQuery => ({
  where: `${ELECTORATE} AND NOT EXISTS (SELECT 1 FROM ballot_participations p
    WHERE p.ballot_id = $1::uuid AND p.deputy_id = u.id)`,
  params: [payload.ballotId],
});

async function ballotTitle(payload: OutboxPayload, manager: EntityManager): Promise<string> {
  const [row] = await manager.query<{ title: string }[]>(
    `SELECT c.title FROM ballots b JOIN cycles c ON c.id = b.cycle_id WHERE b.id = $1::uuid`,
    [payload.ballotId],
  );
  return row?.title ?? '';
}

const link = (payload: OutboxPayload) => `/ballots/${String(payload.ballotId)}`;

export const ballotOpenedKind: NotificationKind = {
  kind: EventType.BallotOpened,
  label: { zh: '票决开始', en: 'Ballots opening' },
  defaults: { email: true, webhook: true },
  recipients: electorate,
  render: async (payload, manager) => {
    const cycle = await ballotTitle(payload, manager);
    return {
      title: { zh: '票决已开始，请投票', en: 'The ballot is open: please vote' },
      body: {
        zh: `${cycle}的代表票决已开始。请登录后投票，每位代表只能投一次。`,
        en: `The deputies' ballot of ${cycle} is open. Sign in to vote; each deputy votes once.`,
      },
      link: link(payload),
    };
  },
};

export const ballotClosingSoonKind: NotificationKind = {
  kind: EventType.BallotClosingSoon,
  label: { zh: '投票即将截止提醒', en: 'Ballot closing reminders' },
  defaults: { email: true, webhook: true },
  recipients: notYetVoted,
  render: async (payload, manager) => {
    const cycle = await ballotTitle(payload, manager);
    return {
      title: { zh: '投票即将截止', en: 'The ballot closes soon' },
      body: {
        zh: `${cycle}的代表票决将在一小时内截止，您尚未投票。`,
        en: `The deputies' ballot of ${cycle} closes within the hour and you have not voted.`,
      },
      link: link(payload),
    };
  },
};

export const ballotCountedKind: NotificationKind = {
  kind: EventType.BallotCounted,
  label: { zh: '计票结果公布', en: 'Ballot results' },
  defaults: { email: false, webhook: false },
  recipients: (payload) => ({
    where: `${ELECTORATE} OR 'secretariat' = ANY (u.roles)`,
    params: [payload.ballotId],
  }),
  render: async (payload, manager) => {
    const cycle = await ballotTitle(payload, manager);
    return {
      title: { zh: '计票结果已公布', en: 'The ballot result is published' },
      body: {
        zh: `${cycle}的代表票决已计票，结果和计票公告已公布，可凭投票回执核对。`,
        en: `The deputies' ballot of ${cycle} is counted: the result and the bulletin are published; check your receipt.`,
      },
      link: link(payload),
    };
  },
};
