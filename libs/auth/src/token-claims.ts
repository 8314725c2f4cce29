import type { Role } from '@app/common';

export interface AccessClaims {
  sub: string;
  typ: 'access';
  roles: Role[];
  dept: string | null;
}

export interface RefreshClaims {
  sub: string;
  typ: 'refresh';
  jti: string;
  fam: string;
}

export const JWT_ALGORITHM = 'HS256';
