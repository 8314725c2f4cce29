import {
  ForbiddenException,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { hasRole, type AuthUser, type Role } from '@app/common';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';

function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ??
    false
  );
}

/**
 * Global: every route needs a valid access token unless it is marked @Public(). A public route
 * still learns who is asking when a valid token comes along (officials see more), and treats a
 * missing or bad one as an anonymous visitor.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!isPublic(this.reflector, context)) {
      return (await super.canActivate(context)) as boolean;
    }
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (request.headers.authorization) {
      await (super.canActivate(context) as Promise<boolean>).catch(() => false);
    }
    return true;
  }
}

/** Global, after JwtAuthGuard: deny by default; a route opens only to the roles it names. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublic(this.reflector, context)) {
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!roles || !user || !hasRole(user, ...roles)) {
      throw new ForbiddenException('无权限执行此操作 / You may not do this');
    }
    return true;
  }
}
