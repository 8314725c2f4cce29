import { hasRole, Role, type AuthUser } from '@app/common';
import type { Project } from './entities/project.entity.js';
import { NotLeadDepartmentError } from './projects.errors.js';

/** An official of the project's lead department (or an administrator). */
export function isLeadOfficial(
  actor: AuthUser,
  project: Pick<Project, 'leadDepartmentId'>,
): boolean {
  return (
    actor.roles.includes(Role.Admin) ||
    (actor.roles.includes(Role.Official) && actor.departmentId === project.leadDepartmentId)
  );
}

export function requireLeadOfficial(
  actor: AuthUser,
  project: Pick<Project, 'leadDepartmentId'>,
): void {
  if (!isLeadOfficial(actor, project)) {
    throw new NotLeadDepartmentError();
  }
}

/** The secretariat, or an official of the lead department. */
export function requireSecretariatOrLead(
  actor: AuthUser,
  project: Pick<Project, 'leadDepartmentId'>,
): void {
  if (!hasRole(actor, Role.Secretariat) && !isLeadOfficial(actor, project)) {
    throw new NotLeadDepartmentError();
  }
}
