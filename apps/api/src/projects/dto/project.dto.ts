import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Present, trim } from '../../common/dto-transforms.js';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
@ValidatorConstraint({ name: 'isCalendarDate' })
class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return false;
    }
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }

  defaultMessage(): string {
    return '$property 须为 YYYY-MM-DD 格式的日期 / $property must be a date written YYYY-MM-DD';
  }
}

export class AssignProjectDto {
  /** 责任人: an official of the lead department, or null to clear */
  @ValidateIf((_dto: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID()
  responsibleOfficialId?: string | null;

  /** 配合单位 */
  @Present()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  coDepartmentIds?: string[];
}

export class CreateMilestoneDto {
  /** 1–200 characters, for example 完成管网招标 */
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title: string;

  /** YYYY-MM-DD */
  @Validate(IsCalendarDate)
  dueDate: string;
}

export class UpdateMilestoneDto {
  @Present()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title?: string;

  /** YYYY-MM-DD */
  @Present()
  @Validate(IsCalendarDate)
  dueDate?: string;

  @Present()
  @IsBoolean()
  done?: boolean;

  /** 整改报告, for a rectification item (1–4000 characters); needed before it is done */
  @Present()
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  report?: string;
}

export class PostProgressDto {
  /** 0–100; lower than the last report only with a `reason` */
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;

  /** 1–2000 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note: string;

  /** Why the percent went down (1–500 characters) */
  @Present()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class AssignSupervisorsDto {
  /** The supervising deputies (代表监督小组); replaces the group */
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  deputyIds: string[];
}

export class CreateInspectionDto {
  /** YYYY-MM-DD, not after today */
  @Validate(IsCalendarDate)
  visitedOn: string;

  /** 1–4000 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  findings: string;

  /** 1–5 */
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;
}

export class RespondInspectionDto {
  /** 1–4000 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  response: string;
}
