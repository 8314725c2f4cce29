import { ArrayMinSize, ArrayUnique, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Role } from '@app/common';
import { RegisterDto } from '../../auth/dto/register.dto.js';

export class CreateUserDto extends RegisterDto {
  /** One or more roles; only an admin may grant `admin` */
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  roles: Role[];

  /** Required for officials */
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}
