import { Role } from '@app/common';
import type { User } from '@app/users';

export class UserResponse {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  roles: Role[];
  departmentId: string | null;
  active: boolean;
  createdAt: Date;

  static from(user: User): UserResponse {
    return Object.assign(new UserResponse(), {
      id: user.id,
      displayName: user.displayName,
      email: user.email,
      phone: user.phone,
      roles: user.roles,
      departmentId: user.departmentId,
      active: user.active,
      createdAt: user.createdAt,
    });
  }
}
