import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Proposal } from '@app/proposals';
import { Candidate } from './candidate.entity.js';

/** A proposal a candidate grew from. A proposal becomes at most one candidate. */
@Entity('candidate_sources')
@Index('uq_candidate_sources_proposal', ['proposalId'], { unique: true })
export class CandidateSource {
  @PrimaryColumn({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_candidate_sources_candidate' })
  candidate?: Relation<Candidate>;

  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_candidate_sources_proposal' })
  proposal?: Relation<Proposal>;
}
