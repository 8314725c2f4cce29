import { accountCreatedKind } from './account-created.kind.js';
import { announcementKind } from './announcement.kind.js';
import { auditChainBrokenKind } from './audit-chain-broken.kind.js';
import {
  ballotClosingSoonKind,
  ballotCountedKind,
  ballotOpenedKind,
} from './ballot-events.kind.js';
import { cyclePhaseChangedKind } from './cycle-phase-changed.kind.js';
import {
  inspectionAnsweredKind,
  inspectionLoggedKind,
  milestoneOverdueKind,
  projectProgressKind,
  rectificationRequiredKind,
} from './project-events.kind.js';
import type { NotificationKind } from './notification-kind.js';
import { proposalReviewedKind } from './proposal-reviewed.kind.js';

export * from './account-created.kind.js';
export * from './announcement.kind.js';
export * from './audit-chain-broken.kind.js';
export * from './ballot-events.kind.js';
export * from './cycle-phase-changed.kind.js';
export * from './notification-kind.js';
export * from './project-events.kind.js';
export * from './proposal-reviewed.kind.js';

/** Every kind of notification; an outbox event of another type notifies nobody. */
export const NOTIFICATION_KINDS: ReadonlyMap<string, NotificationKind> = new Map(
  [
    accountCreatedKind,
    announcementKind,
    auditChainBrokenKind,
    proposalReviewedKind,
    cyclePhaseChangedKind,
    ballotOpenedKind,
    ballotClosingSoonKind,
    ballotCountedKind,
    projectProgressKind,
    milestoneOverdueKind,
    inspectionLoggedKind,
    inspectionAnsweredKind,
    rectificationRequiredKind,
  ].map((spec) => [spec.kind, spec]),
);
