import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import type { Department } from '@app/users';

export class CreateDepartmentDto {
  /** For example 区卫健局 */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name: string;
}

export class DepartmentResponse {
  id: string;
  name: string;

  static from(department: Department): DepartmentResponse {
    return Object.assign(new DepartmentResponse(), { id: department.id, name: department.name });
  }
}
