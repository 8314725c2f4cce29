import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/common';
import { AppConfig } from '@app/config';
import { PasswordHasher, User, UsersService } from '@app/users';
import {
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  RefreshTokenReusedError,
} from './auth.errors.js';
import { RefreshToken } from './refresh-token.entity.js';
import { TokensService } from './tokens.service.js';

/** Every this many consecutive failures on one account is written to the audit log. */
export const FAILED_LOGINS_AUDITED_EVERY = 5;

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** The account a login and password belong to; unknown logins cost the same time as wrong passwords. */
  async checkCredentials(login: string, password: string): Promise<User> {
    const user = await this.users.findForLogin(login);
    if (!user) {
      await this.hasher.verifyNothing(password);
      throw new InvalidCredentialsError();
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      await this.countFailedLogin(user.id);
      throw new InvalidCredentialsError();
    }
    if (user.failedLogins > 0) {
      await this.dataSource.getRepository(User).update(user.id, { failedLogins: 0 });
    }
    return user;
  }

  /** Starts a new refresh-token family for a freshly signed-in user. */
  async startSession(user: User): Promise<Session> {
    return this.issue(user, randomUUID());
  }

  /**
   * Trades a refresh token for a new pair. A token is good once: presenting it again means it
   * was copied, so the whole family is revoked and both holders must sign in again.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    if (!claims) {
      throw new InvalidRefreshTokenError();
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await manager.findOne(RefreshToken, {
        where: { id: claims.jti },
        lock: { mode: 'pessimistic_write' },
      });
      if (!stored || stored.userId !== claims.sub || stored.familyId !== claims.fam) {
        return 'invalid' as const;
      }
      if (stored.usedAt || stored.revokedAt) {
        const revoked = await manager.update(
          RefreshToken,
          { familyId: stored.familyId, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
        if (!stored.revokedAt || (revoked.affected ?? 0) > 0) {
          await this.audit.append(manager, {
            actorId: stored.userId,
            action: 'auth.refresh_token_reused',
            entityType: 'user',
            entityId: stored.userId,
            details: { familyId: stored.familyId },
          });
        }
        return 'reused' as const;
      }
      stored.usedAt = new Date();
      await manager.save(stored);
      return stored;
    });
    if (outcome === 'invalid') {
      throw new InvalidRefreshTokenError();
    }
    if (outcome === 'reused') {
      throw new RefreshTokenReusedError();
    }
    const user = await this.users.findById(outcome.userId);
    if (!user.active) {
      throw new InvalidRefreshTokenError();
    }
    return this.issue(user, outcome.familyId);
  }

  /** Ends the sign-in a refresh token belongs to (every token of its family). */
  async signOut(refreshToken: string): Promise<void> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    if (!claims) {
      throw new InvalidRefreshTokenError();
    }
    await this.dataSource
      .getRepository(RefreshToken)
      .update({ familyId: claims.fam, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issue(user: User, familyId: string): Promise<Session> {
    const authUser: AuthUser = { id: user.id, roles: user.roles, departmentId: user.departmentId };
    const jti = randomUUID();
    await this.dataSource.getRepository(RefreshToken).insert({
      id: jti,
      familyId,
      userId: user.id,
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
    });
    const [accessToken, refreshToken] = await Promise.all([
      this.tokens.signAccess(authUser),
      this.tokens.signRefresh({ sub: user.id, jti, fam: familyId }),
    ]);
    return { accessToken, refreshToken, expiresIn: this.config.jwt.accessTtlSeconds, user };
  }

  private async countFailedLogin(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[{ failed_logins: number }[], number]>(
        'UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins',
        [userId],
      );
      const failures = rows[0]?.failed_logins ?? 0;
      if (failures > 0 && failures % FAILED_LOGINS_AUDITED_EVERY === 0) {
        await this.audit.append(manager, {
          actorId: null,
          action: 'auth.login_failed_repeatedly',
          entityType: 'user',
          entityId: userId,
          details: { consecutiveFailures: failures },
        });
      }
    });
  }
}
