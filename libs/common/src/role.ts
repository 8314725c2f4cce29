export enum Role {
  Resident = 'resident',
  Deputy = 'deputy',
  Official = 'official',
  Secretariat = 'secretariat',
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Who is acting, as the services see it: taken from a verified access token. */
export interface AuthUser {
  id: string;
  roles: Role[];
  departmentId: string | null;
}

export function hasRole(user: Pick<AuthUser, 'roles'>, ...roles: Role[]): boolean {
  return user.roles.includes(Role.Admin) || roles.some((role) => user.roles.includes(role));
}
