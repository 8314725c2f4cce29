import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  PROPOSAL_CATEGORIES,
  PROPOSAL_STATUSES,
  type ProposalCategory,
  type ProposalStatus,
} from '@app/proposals';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { trim } from '../../common/dto-transforms.js';

export class CreateProposalDto {
  /** 1–100 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  title: string;

  @IsIn(PROPOSAL_CATEGORIES)
  category: ProposalCategory;

  /** 1–5000 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  description: string;

  /** Where, for example 沈家门街道 */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  location?: string;

  /** The public never sees the author; officials still can */
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}

export class QueryProposalsDto extends PageQueryDto {
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;

  @IsOptional()
  @IsIn(PROPOSAL_CATEGORIES)
  category?: ProposalCategory;

  /** Words in the title or description, Chinese included; an empty box searches nothing */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || undefined : value,
  )
  @IsString()
  @Length(1, 100)
  q?: string;

  @IsOptional()
  @IsIn(['supports', 'recent'])
  sort?: 'supports' | 'recent';
}

export class ReviewProposalDto {
  @IsIn(['accept', 'reject', 'merge'])
  decision: 'accept' | 'reject' | 'merge';

  /** Required to reject; shown publicly */
  @ValidateIf((dto: ReviewProposalDto) => dto.decision === 'reject' || dto.reason !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason?: string;

  /** Required to merge: a proposal of the same cycle */
  @ValidateIf((dto: ReviewProposalDto) => dto.decision === 'merge' || dto.mergeIntoId !== undefined)
  @IsUUID()
  mergeIntoId?: string;
}
