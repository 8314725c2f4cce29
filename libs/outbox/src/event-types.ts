/** The types of outbox event; each notification kind and each worker command has one. */
export const EventType = {
  AccountCreated: 'account.created',
  Announcement: 'announcement',
  AuditChainBroken: 'audit.chain_broken',
  DeliveryRetryRequested: 'delivery.retry_requested',
  CyclePhaseChanged: 'cycle.phase_changed',
  BallotOpened: 'ballot.opened',
  BallotClosingSoon: 'ballot.closing_soon',
  BallotCounted: 'ballot.counted',
  ProjectProgress: 'project.progress',
  MilestoneOverdue: 'milestone.overdue',
  InspectionLogged: 'inspection.logged',
  InspectionAnswered: 'inspection.answered',
  RectificationRequired: 'rectification.required',
  ProposalReviewed: 'proposal.reviewed',
} as const;
