import type { Session } from '@app/auth';
import { UserResponse } from '../../users/dto/user.response.js';

export class SessionResponse {
  /** Bearer token for the API, short-lived */
  accessToken: string;
  /** Single-use token to obtain the next pair */
  refreshToken: string;
  /** Seconds until the access token expires */
  expiresIn: number;
  user: UserResponse;

  static from(session: Session): SessionResponse {
    return Object.assign(new SessionResponse(), {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      expiresIn: session.expiresIn,
      user: UserResponse.from(session.user),
    });
  }
}
