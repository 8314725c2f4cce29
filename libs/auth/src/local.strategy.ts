import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { User } from '@app/users';
import { AuthService } from './auth.service.js';

/** Email-or-phone and password, from the body's `login` and `password`. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'login', passwordField: 'password' });
  }

  validate(login: string, password: string): Promise<User> {
    return this.auth.checkCredentials(login, password);
  }
}
