import { DomainError } from '@app/common';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('auth.invalid_credentials', 'unauthorized', '账号或密码错误 / Wrong login or password');
  }
}

export class InvalidRefreshTokenError extends DomainError {
  constructor() {
    super(
      'auth.invalid_refresh_token',
      'unauthorized',
      '登录已失效，请重新登录 / The session has expired, please sign in again',
    );
  }
}

export class RefreshTokenReusedError extends DomainError {
  constructor() {
    super(
      'auth.refresh_token_reused',
      'unauthorized',
      '检测到登录凭证被重复使用，该设备上的登录已全部注销 / A refresh token was used twice; every session of this sign-in has been ended',
    );
  }
}
