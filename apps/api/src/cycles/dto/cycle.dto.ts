import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CYCLE_PHASES, type CyclePhase, type CycleWithCounts } from '@app/cycles';
import { trim } from '../../common/dto-transforms.js';

export class CreateCycleDto {
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  /** For example 2020年普陀区民生实事项目 */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  title: string;

  /** For example 普陀区 */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  region?: string;

  /** 应选项目数: how many projects the ballot selects */
  @IsInt()
  @Min(1)
  @Max(100)
  seats: number;

  /** Whether a ballot may offer exactly as many candidates as seats (等额); default false (差额) */
  @IsOptional()
  @IsBoolean()
  allowEqualBallot?: boolean;
}

export class MovePhaseDto {
  /** The next phase only */
  @IsIn(CYCLE_PHASES)
  phase: CyclePhase;
}

export class CycleCountsResponse {
  proposals: number;
  supports: number;
  candidates: number;
}

export class CycleResponse {
  id: string;
  year: number;
  title: string;
  region: string | null;
  seats: number;
  allowEqualBallot: boolean;
  phase: CyclePhase;
  candidatesFrozen: boolean;
  counts: CycleCountsResponse;
  createdAt: Date;

  static from(cycle: CycleWithCounts): CycleResponse {
    return Object.assign(new CycleResponse(), {
      id: cycle.id,
      year: cycle.year,
      title: cycle.title,
      region: cycle.region,
      seats: cycle.seats,
      allowEqualBallot: cycle.allowEqualBallot,
      phase: cycle.phase,
      candidatesFrozen: cycle.candidatesFrozenAt !== null,
      counts: cycle.counts,
      createdAt: cycle.createdAt,
    });
  }
}
