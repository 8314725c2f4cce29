import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import type { SimilarProposal } from '@app/proposals';
import { trim } from '../../common/dto-transforms.js';
import { SimilarProposalResponse } from './proposal.response.js';

export class QuerySimilarProposalsDto {
  /** The title being typed, 2–100 characters */
  @Transform(trim)
  @IsString()
  @Length(2, 100)
  title: string;
}

export class SimilarProposalsResponse {
  /** Up to 5 submitted or accepted proposals of the cycle that look alike, most alike first */
  similar: SimilarProposalResponse[];

  static from(similar: SimilarProposal[]): SimilarProposalsResponse {
    return Object.assign(new SimilarProposalsResponse(), {
      similar: similar.map((item) => Object.assign(new SimilarProposalResponse(), item)),
    });
  }
}
