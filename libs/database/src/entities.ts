import { AuditEntry, AuditVerification } from '@app/audit';
import { RefreshToken } from '@app/auth';
import { Department, User } from '@app/users';

/** Every entity, listed explicitly: globs load two copies of a class under test runners. */
export const ENTITIES = [User, Department, RefreshToken, AuditEntry, AuditVerification];
