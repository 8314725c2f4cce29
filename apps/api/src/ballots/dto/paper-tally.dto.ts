import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const MAX_BALLOTS = 100_000;

export class PaperCountDto {
  @IsUUID()
  candidateId: string;

  @IsInt()
  @Min(0)
  @Max(MAX_BALLOTS)
  for: number;

  @IsInt()
  @Min(0)
  @Max(MAX_BALLOTS)
  against: number;

  @IsInt()
  @Min(0)
  @Max(MAX_BALLOTS)
  abstain: number;
}

export class CreatePaperTallyDto {
  /** 发出票数 */
  @IsInt()
  @Min(0)
  @Max(MAX_BALLOTS)
  ballotsIssued: number;

  /** 收回票数: more than issued voids the paper count */
  @IsInt()
  @Min(0)
  @Max(MAX_BALLOTS)
  ballotsReturned: number;

  /** 无效票数 */
  @IsInt()
  @Min(0)
  @Max(MAX_BALLOTS)
  invalidBallots: number;

  /** One row per candidate of the ballot */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PaperCountDto)
  counts: PaperCountDto[];

  /**
   * The deputies who voted on paper, when known: they cannot also vote electronically. Better
   * recorded apart, when the paper ballots are handed out (POST /api/ballots/:id/paper-voters).
   */
  @ValidateIf((_dto: object, value: unknown) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_BALLOTS)
  @IsUUID('all', { each: true })
  deputyIds?: string[];
}

export class PaperVotersDto {
  /** Deputies given a paper ballot: from now on they cannot vote electronically */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BALLOTS)
  @IsUUID('all', { each: true })
  deputyIds: string[];
}
