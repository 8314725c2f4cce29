import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  hasRole,
  pageOf,
  Role,
  skipOf,
  violatedUniqueConstraint,
  type AuthUser,
  type Page,
} from '@app/common';
import { EventType, OutboxService } from '@app/outbox';
import { normalizeEmail, normalizePhone } from './contact.js';
import { Department } from './department.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { User } from './user.entity.js';
import type { NewUserInput, RegistrationInput, UserChanges, UserQuery } from './user-input.js';
import {
  AdminGrantForbiddenError,
  ContactRequiredError,
  EmailTakenError,
  OfficialDepartmentRequiredError,
  PhoneTakenError,
  UnknownDepartmentError,
  UserNotFoundError,
} from './users.errors.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** Self-registration: always and only the resident role. */
  async register(input: RegistrationInput): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insert(manager, { ...input, roles: [Role.Resident] }, passwordHash);
      await this.audit.append(manager, {
        actorId: user.id,
        action: 'user.registered',
        entityType: 'user',
        entityId: user.id,
        details: { roles: user.roles },
      });
      await this.outbox.publish(manager, EventType.AccountCreated, { userId: user.id });
      return user;
    });
  }

  /** An account made by the secretariat (or an admin), with any roles the actor may grant. */
  async create(actor: AuthUser, input: NewUserInput): Promise<User> {
    this.assertMayGrant(actor, input.roles);
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction((manager) =>
      this.createWithin(manager, actor.id, input, passwordHash),
    );
  }

  /** Creates and audits a user inside the caller's transaction (roster import, bootstrap). */
  async createWithin(
    manager: EntityManager,
    actorId: string | null,
    input: NewUserInput,
    passwordHash: string,
  ): Promise<User> {
    const user = await this.insert(manager, input, passwordHash);
    await this.audit.append(manager, {
      actorId,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      details: { roles: user.roles, departmentId: user.departmentId },
    });
    await this.outbox.publish(manager, EventType.AccountCreated, { userId: user.id });
    return user;
  }

  async update(actor: AuthUser, id: string, changes: UserChanges): Promise<User> {
    if (changes.roles) {
      this.assertMayGrant(actor, changes.roles);
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) {
        throw new UserNotFoundError();
      }
      if (user.roles.includes(Role.Admin) && !hasRole(actor, Role.Admin)) {
        throw new AdminGrantForbiddenError();
      }
      const before = { roles: user.roles, departmentId: user.departmentId, active: user.active };
      Object.assign(user, {
        displayName: changes.displayName ?? user.displayName,
        roles: changes.roles ?? user.roles,
        departmentId: changes.departmentId === undefined ? user.departmentId : changes.departmentId,
        active: changes.active ?? user.active,
      });
      await this.assertDepartmentFits(manager, user.roles, user.departmentId);
      const saved = await manager.save(user);
      const after = { roles: saved.roles, departmentId: saved.departmentId, active: saved.active };
      await this.audit.append(manager, {
        actorId: actor.id,
        action: sameRoles(before.roles, after.roles) ? 'user.updated' : 'user.roles_changed',
        entityType: 'user',
        entityId: saved.id,
        details: { before, after },
      });
      return saved;
    });
  }

  async findById(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) {
      throw new UserNotFoundError();
    }
    return user;
  }

  /** The account a login (email or phone) names, with its password hash, if it is active. */
  async findForLogin(login: string): Promise<User | null> {
    const byEmail = login.includes('@');
    const value = byEmail ? normalizeEmail(login) : normalizePhone(login);
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where(byEmail ? 'user.email = :value' : 'user.phone = :value', { value })
      .andWhere('user.active')
      .getOne();
  }

  async list(query: UserQuery): Promise<Page<User>> {
    const builder = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .orderBy('user.displayName', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .skip(skipOf(query))
      .take(query.pageSize);
    if (query.role) {
      builder.andWhere(':role = ANY(user.roles)', { role: query.role });
    }
    if (query.departmentId) {
      builder.andWhere('user.departmentId = :departmentId', { departmentId: query.departmentId });
    }
    if (query.q) {
      builder.andWhere(
        '(user.displayName ILIKE :q OR user.email ILIKE :q OR user.phone ILIKE :q)',
        { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` },
      );
    }
    const [items, total] = await builder.getManyAndCount();
    return pageOf(items, total, query);
  }

  private async insert(
    manager: EntityManager,
    input: NewUserInput,
    passwordHash: string,
  ): Promise<User> {
    const email = normalizeEmail(input.email);
    const phone = normalizePhone(input.phone);
    if (!email && !phone) {
      throw new ContactRequiredError();
    }
    const roles = [...new Set(input.roles)];
    const departmentId = input.departmentId ?? null;
    await this.assertDepartmentFits(manager, roles, departmentId);
    try {
      // A savepoint keeps the caller's transaction usable when the insert is refused.
      return await manager.transaction((inner) =>
        inner.save(
          inner.create(User, {
            email,
            phone,
            passwordHash,
            displayName: input.displayName.trim(),
            roles,
            departmentId,
          }),
        ),
      );
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      if (constraint === 'uq_users_email') {
        throw new EmailTakenError();
      }
      if (constraint === 'uq_users_phone') {
        throw new PhoneTakenError();
      }
      throw error;
    }
  }

  private async assertDepartmentFits(
    manager: EntityManager,
    roles: Role[],
    departmentId: string | null,
  ): Promise<void> {
    if (departmentId) {
      const exists = await manager.existsBy(Department, { id: departmentId });
      if (!exists) {
        throw new UnknownDepartmentError(departmentId);
      }
    } else if (roles.includes(Role.Official)) {
      throw new OfficialDepartmentRequiredError();
    }
  }

  private assertMayGrant(actor: AuthUser, roles: Role[]): void {
    if (roles.includes(Role.Admin) && !hasRole(actor, Role.Admin)) {
      throw new AdminGrantForbiddenError();
    }
  }
}

function sameRoles(a: Role[], b: Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
