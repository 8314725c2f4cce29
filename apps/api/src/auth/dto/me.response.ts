import { Role } from '@app/common';
import type { User } from '@app/users';

export class MeResponse {
  id: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;

  static from(user: User): MeResponse {
    return Object.assign(new MeResponse(), {
      id: user.id,
      displayName: user.displayName,
      roles: user.roles,
      departmentId: user.departmentId,
    });
  }
}
