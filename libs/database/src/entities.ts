import { AuditEntry, AuditVerification } from '@app/audit';
import { RefreshToken } from '@app/auth';
import {
  Ballot,
  BallotReceipt,
  CountedBallot,
  ElectorateMember,
  PaperTally,
  Participation,
  SealedBallot,
} from '@app/ballots';
import { Candidate, CandidateSource } from '@app/candidates';
import { Cycle } from '@app/cycles';
import { Announcement, Delivery, Notification, NotificationPreference } from '@app/notifications';
import { OutboxEvent } from '@app/outbox';
import {
  Follower,
  Inspection,
  Milestone,
  ProgressUpdate,
  Project,
  Supervisor,
} from '@app/projects';
import { Proposal, Support } from '@app/proposals';
import { Department, User } from '@app/users';

/** Every entity, listed explicitly: globs load two copies of a class under test runners. */
export const ENTITIES = [
  User,
  Department,
  RefreshToken,
  AuditEntry,
  AuditVerification,
  OutboxEvent,
  Notification,
  Delivery,
  NotificationPreference,
  Announcement,
  Cycle,
  Proposal,
  Support,
  Candidate,
  CandidateSource,
  Ballot,
  ElectorateMember,
  Participation,
  SealedBallot,
  CountedBallot,
  BallotReceipt,
  PaperTally,
  Project,
  Milestone,
  ProgressUpdate,
  Supervisor,
  Inspection,
  Follower,
];
