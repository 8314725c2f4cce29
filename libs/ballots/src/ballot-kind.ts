export const BALLOT_KINDS = ['selection', 'runoff', 'evaluation'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];

/** `scheduled → open → closed → counted`, forward only. */
export const BALLOT_STATUSES = ['scheduled', 'open', 'closed', 'counted'] as const;
export type BallotStatus = (typeof BALLOT_STATUSES)[number];

export const VOTING_CHANNELS = ['electronic', 'paper'] as const;
export type VotingChannel = (typeof VOTING_CHANNELS)[number];

export const BALLOT_STATUS_NAMES: Record<BallotStatus, { zh: string; en: string }> = {
  scheduled: { zh: '未开始', en: 'scheduled' },
  open: { zh: '进行中', en: 'open' },
  closed: { zh: '已截止', en: 'closed' },
  counted: { zh: '已计票', en: 'counted' },
};
