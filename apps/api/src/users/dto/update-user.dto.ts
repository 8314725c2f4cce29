import { Transform } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
} from 'class-validator';
import { Role } from '@app/common';

export class UpdateUserDto {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 50)
  displayName?: string;

  /** Replaces the roles; only an admin may grant or take away `admin` */
  @IsOptional()
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  roles?: Role[];

  /** A department id, or null to leave every department */
  @ValidateIf((dto: UpdateUserDto) => dto.departmentId !== null)
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  /** Inactive users cannot sign in, and are not counted as active deputies */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
