import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { PROPOSAL_CATEGORIES, type ProposalCategory } from '@app/proposals';
import { Present, trim, trimEach } from '../../common/dto-transforms.js';

export class CreateCandidateDto {
  /** 1–100 characters, for example 就业促进工程 */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  title: string;

  @IsIn(PROPOSAL_CATEGORIES)
  category: ProposalCategory;

  /** 1–2000 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  summary: string;

  /** 1–20 measurable targets of 1–200 characters, for example 新增就业3800人 */
  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  targets: string[];

  /** Integer yuan, 0 or more */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  budget: number;

  /** 牵头单位; an official may only name their own department */
  @IsUUID()
  leadDepartmentId: string;

  /** The accepted proposals of this cycle the candidate grows from (at least one) */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  sourceProposalIds: string[];
}

/** Any of the fields; `sourceProposalIds` replaces the whole list. */
export class UpdateCandidateDto {
  /** 1–100 characters */
  @Present()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  title?: string;

  @Present()
  @IsIn(PROPOSAL_CATEGORIES)
  category?: ProposalCategory;

  /** 1–2000 characters */
  @Present()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  summary?: string;

  /** 1–20 measurable targets of 1–200 characters */
  @Present()
  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  targets?: string[];

  /** Integer yuan, 0 or more */
  @Present()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  budget?: number;

  @Present()
  @IsUUID()
  leadDepartmentId?: string;

  /** Replaces the sources: accepted proposals of this cycle (at least one) */
  @Present()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  sourceProposalIds?: string[];
}
