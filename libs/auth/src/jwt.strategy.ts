import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '@app/common';
import { AppConfig } from '@app/config';
import { hmacKey, JWT_ALGORITHM, type AccessClaims } from './token-claims.js';

/** Accepts only HS256 access tokens of this issuer and audience (never `alg: none`). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AppConfig) {
    const key = hmacKey(config.jwt.accessSecret);
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject (its types say Buffer).
      secretOrKeyProvider: (_request, _token, done) => done(null, key as unknown as Buffer),
      algorithms: [JWT_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): AuthUser | false {
    if (claims.typ !== 'access' || !Array.isArray(claims.roles)) {
      return false;
    }
    return { id: claims.sub, roles: claims.roles, departmentId: claims.dept ?? null };
  }
}
