import type { Role } from '@app/common';

export interface RegistrationInput {
  email?: string | null;
  phone?: string | null;
  password: string;
  displayName: string;
}

export interface NewUserInput extends RegistrationInput {
  roles: Role[];
  departmentId?: string | null;
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  departmentId?: string | null;
  active?: boolean;
}

export interface UserQuery {
  page: number;
  pageSize: number;
  role?: Role;
  departmentId?: string;
  q?: string;
}
