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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BALLOT_KINDS, type BallotKind } from '@app/ballots';

/** Validates the field only when present; unlike @IsOptional, null is refused. */
const Present = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);

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

export class ChoiceDto {
  /** A candidate of the ballot (selection, runoff) */
  @ValidateIf((choice: ChoiceDto) => choice.projectId === undefined)
  @IsUUID()
  candidateId?: string;

  /** A project of the ballot (evaluation) */
  @ValidateIf((choice: ChoiceDto) => choice.candidateId === undefined)
  @IsUUID()
  projectId?: string;

  /** for / against / abstain; evaluation: satisfied / basically_satisfied / unsatisfied / abstain */
  @IsString()
  @Length(1, 30)
  mark: string;
}

export class CastVoteDto {
  /** One mark per candidate; an unmarked candidate counts as abstain */
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
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
