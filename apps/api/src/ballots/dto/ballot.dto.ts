import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { BALLOT_KINDS, type BallotKind } from '@app/ballots';
import { IsChoiceList } from './choice-list.validator.js';
import { Present } from '../../common/dto-transforms.js';

export class CreateBallotDto {
  /** selection (票决), runoff (复选) or evaluation (满意度测评) */
  @IsIn(BALLOT_KINDS)
  kind: BallotKind;

  /** 应选项目数; defaults to the cycle's seats (selection) or the seats left (runoff) */
  @Present()
  @IsInt()
  @Min(1)
  @Max(100)
  seats?: number;

  /** Defaults to the cycle's whole candidate list (selection) or the tied candidates (runoff) */
  @Present()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  candidateIds?: string[];

  /** Evaluation ballots: the projects rated */
  @Present()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  projectIds?: string[];

  /** Share of all deputies who must cast, inclusive; default 2/3 (三分之二以上) */
  @Present()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  quorum?: number;

  /** Opens by itself at this time (ISO 8601) */
  @Present()
  @Type(() => Date)
  @IsDate()
  opensAt?: Date;

  /** Closes by itself at this time (ISO 8601) */
  @Present()
  @Type(() => Date)
  @IsDate()
  closesAt?: Date;

  /** The ballot whose tie a runoff settles */
  @Present()
  @IsUUID()
  parentBallotId?: string;

  /** 监票人: how many key shares to make (2–9, default 3) */
  @Present()
  @IsInt()
  @Min(2)
  @Max(9)
  scrutineers?: number;

  /** How many shares open the box (2–scrutineers, default 2) */
  @Present()
  @IsInt()
  @Min(2)
  @Max(9)
  sharesRequired?: number;
}

/** One choice of a cast, as documented; `IsChoiceList` checks the whole list in one pass. */
export class ChoiceDto {
  /** A candidate of the ballot (selection, runoff) */
  candidateId?: string;

  /** A project of the ballot (evaluation) */
  projectId?: string;

  /** for / against / abstain; evaluation: satisfied / basically_satisfied / unsatisfied / abstain */
  mark: string;
}

export class CastVoteDto {
  /** One mark per candidate; an unmarked candidate counts as abstain */
  @ApiProperty({ type: [ChoiceDto] })
  @IsChoiceList()
  choices: ChoiceDto[];
}

export class CountBallotDto {
  /** At least `sharesRequired` of the key shares handed to the scrutineers at creation */
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  shares: string[];
}
