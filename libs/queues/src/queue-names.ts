/** Every queue, and the jobs each carries. The worker refuses to start if one has no handler. */
export const AUDIT_QUEUE = 'audit';

export const AuditJob = {
  VerifyChain: 'verify-chain',
} as const;

/** Committed outbox events, one job each, handed over by the relay. */
export const EVENTS_QUEUE = 'events';

export const EventJob = {
  Dispatch: 'dispatch',
} as const;

/** One job per (event, recipient, outside channel). */
export const DELIVERIES_QUEUE = 'deliveries';

export const DeliveryJob = {
  Deliver: 'deliver',
} as const;

/** Ballot times: one repeatable job opens, closes and reminds what is due. */
export const BALLOTS_QUEUE = 'ballots';

export const BallotJob = {
  RunSchedule: 'run-schedule',
} as const;

/** Project dates: one repeatable job announces milestones that fell overdue. */
export const PROJECTS_QUEUE = 'projects';

export const ProjectJob = {
  AnnounceOverdue: 'announce-overdue',
} as const;

export const DECLARED_JOBS: Readonly<Record<string, readonly string[]>> = {
  [AUDIT_QUEUE]: Object.values(AuditJob),
  [EVENTS_QUEUE]: Object.values(EventJob),
  [DELIVERIES_QUEUE]: Object.values(DeliveryJob),
  [BALLOTS_QUEUE]: Object.values(BallotJob),
  [PROJECTS_QUEUE]: Object.values(ProjectJob),
};

export const QUEUE_NAMES = Object.keys(DECLARED_JOBS);

/** Payloads carry ids only, never entities. */
export interface VerifyChainPayload {
  trigger: 'scheduled' | 'requested';
  requestedBy: string | null;
}

export interface DispatchEventPayload {
  eventId: string;
}

export interface DeliverPayload {
  deliveryId: string;
}

/** Stable job ids: the queue drops a job whose id it already holds, so retries stay single. */
export const jobIds = {
  event: (eventId: string) => `event:${eventId}`,
  delivery: (deliveryId: string, generation: number) => `delivery:${deliveryId}:${generation}`,
};
