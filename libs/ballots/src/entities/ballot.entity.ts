import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Cycle } from '@app/cycles';
import { User } from '@app/users';
import {
  BALLOT_KINDS,
  BALLOT_STATUSES,
  type BallotKind,
  type BallotStatus,
} from '../ballot-kind.js';
import type { EvaluationResult, SelectionResult } from '../tally/index.js';

/**
 * A ballot of a cycle (票决). The electorate, `deputyCount` and the items are fixed at creation.
 * Only the public half of the ballot's key pair is kept: the private half exists as the
 * scrutineers' shares, so nothing on this server can open a sealed ballot before the count.
 */
@Entity('ballots')
@Index('ix_ballots_cycle', ['cycleId', 'createdAt'])
@Index('ix_ballots_due', ['status', 'opensAt', 'closesAt'])
@Index('uq_ballots_one_runoff_per_parent', ['parentBallotId'], {
  unique: true,
  where: `kind = 'runoff'`,
})
@Check('ck_ballots_seats', 'seats >= 1')
@Check('ck_ballots_quorum', 'quorum > 0 AND quorum <= 1')
@Check(
  'ck_ballots_shares',
  'shares_required >= 2 AND shares_required <= scrutineers AND scrutineers <= 9',
)
@Check('ck_ballots_times', 'opens_at IS NULL OR closes_at IS NULL OR closes_at > opens_at')
@Check('ck_ballots_paper_returned', 'paper_returned >= 0')
export class Ballot {
  /** Made by the service before the key shares, which carry a tag of it. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @ManyToOne(() => Cycle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_ballots_cycle' })
  cycle?: Relation<Cycle>;

  @Column({ type: 'enum', enum: BALLOT_KINDS, enumName: 'ballot_kind' })
  kind: BallotKind;

  @Column({ type: 'enum', enum: BALLOT_STATUSES, enumName: 'ballot_status', default: 'scheduled' })
  status: BallotStatus;

  @Column({ type: 'int' })
  seats: number;

  /** The share of `deputyCount` that must cast for the result to stand (inclusive). */
  @Column({ type: 'double precision' })
  quorum: number;

  /** 代表总数: the electorate's size at creation; never changes. */
  @Column({ name: 'deputy_count', type: 'int' })
  deputyCount: number;

  /** The candidates (selection, runoff) or projects (evaluation) on the ballot, in order. */
  @Column({ name: 'item_ids', type: 'uuid', array: true })
  itemIds: string[];

  @Column({ name: 'parent_ballot_id', type: 'uuid', nullable: true })
  parentBallotId: string | null;

  @ManyToOne(() => Ballot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_ballot_id', foreignKeyConstraintName: 'fk_ballots_parent' })
  parent?: Relation<Ballot>;

  @Column({ name: 'opens_at', type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** When deputies who had not voted were reminded that the ballot closes soon. */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'counted_at', type: 'timestamptz', nullable: true })
  countedAt: Date | null;

  /** Raw 32-byte X25519 public key that every cast is sealed to. */
  @Column({ name: 'public_key', type: 'bytea' })
  publicKey: Buffer;

  @Column({ type: 'int' })
  scrutineers: number;

  @Column({ name: 'shares_required', type: 'int' })
  sharesRequired: number;

  /** Paper ballots returned, over all paper tallies: they count against deputyCount. */
  @Column({ name: 'paper_returned', type: 'int', default: 0 })
  paperReturned: number;

  /** The stored tally, written once at the count. */
  @Column({ type: 'jsonb', nullable: true })
  result: SelectionResult | EvaluationResult | null;

  /** SHA-256 of the published bulletin, also in the audit entry of the count. */
  @Column({ name: 'bulletin_hash', type: 'char', length: 64, nullable: true })
  bulletinHash: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_ballots_created_by' })
  creator?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
