import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role } from '@app/common';
import { PageQueryDto } from '../../common/page-query.dto.js';

export class QueryUsersDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Part of a name, email or phone */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
