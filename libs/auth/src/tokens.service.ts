import type { KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import type { AuthUser } from '@app/common';
import { hmacKey, JWT_ALGORITHM, type AccessClaims, type RefreshClaims } from './token-claims.js';

/** Signs and checks the two kinds of token, each with its own secret, algorithm, issuer and audience. */
@Injectable()
export class TokensService {
  private readonly accessKey: KeyObject;
  private readonly refreshKey: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.accessKey = hmacKey(config.jwt.accessSecret);
    this.refreshKey = hmacKey(config.jwt.refreshSecret);
  }

  signAccess(user: AuthUser): Promise<string> {
    const claims: AccessClaims = {
      sub: user.id,
      typ: 'access',
      roles: user.roles,
      dept: user.departmentId,
    };
    return this.jwt.signAsync(claims, {
      privateKey: this.accessKey,
      algorithm: JWT_ALGORITHM,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.accessTtlSeconds,
    });
  }

  signRefresh(claims: Omit<RefreshClaims, 'typ'>): Promise<string> {
    const payload: RefreshClaims = { ...claims, typ: 'refresh' };
    return this.jwt.signAsync(payload, {
      privateKey: this.refreshKey,
      algorithm: JWT_ALGORITHM,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.refreshTtlSeconds,
    });
  }

  /** The claims of a valid access token, or null for anything forged, expired or of another kind. */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        // jsonwebtoken verifies with a KeyObject; @nestjs/jwt's verify types only say Buffer.
        publicKey: this.accessKey as unknown as Buffer,
        algorithms: [JWT_ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
      return claims.typ === 'access' && Array.isArray(claims.roles) ? claims : null;
    } catch {
      return null;
    }
  }

  /** The claims of a valid refresh token, or null for anything forged, expired or of another kind. */
  async verifyRefresh(token: string): Promise<RefreshClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<RefreshClaims>(token, {
        publicKey: this.refreshKey as unknown as Buffer,
        algorithms: [JWT_ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
      return claims.typ === 'refresh' && claims.jti && claims.fam ? claims : null;
    } catch {
      return null;
    }
  }
}
