import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { VOTING_CHANNELS, type VotingChannel } from '../ballot-kind.js';
import { ElectorateMember } from './electorate-member.entity.js';

/**
 * That a deputy voted, and how — never what. The primary key allows one per deputy and ballot
 * whatever the channel, so paper and electronic exclude each other. No timestamp: the order
 * of participation must not be matchable to anything else.
 */
@Entity('ballot_participations')
export class Participation {
  @PrimaryColumn({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @PrimaryColumn({ name: 'deputy_id', type: 'uuid' })
  deputyId: string;

  @ManyToOne(() => ElectorateMember, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'ballot_id', referencedColumnName: 'ballotId' },
    { name: 'deputy_id', referencedColumnName: 'deputyId' },
  ])
  member?: Relation<ElectorateMember>;

  @Column({ type: 'enum', enum: VOTING_CHANNELS, enumName: 'voting_channel' })
  channel: VotingChannel;
}
