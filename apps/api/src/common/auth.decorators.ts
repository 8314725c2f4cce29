import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ALL_ROLES, type AuthUser, type Role } from '@app/common';
import { ApiErrors } from './api-errors.decorator.js';

export const IS_PUBLIC = 'minsheng:public';
export const ROLES = 'minsheng:roles';

/** Open to anyone, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-roles', ['anyone']));

/** Open to users holding any of these roles (an admin may do everything). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles),
    ApiErrors(401, 403),
  );

/** Open to every signed-in user, whatever their roles. */
export const SignedIn = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES, ALL_ROLES),
    ApiBearerAuth(),
    ApiExtension('x-roles', ['signed in']),
    ApiErrors(401),
  );

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    context.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
