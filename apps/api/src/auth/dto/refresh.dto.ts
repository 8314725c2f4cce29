import { IsJWT } from 'class-validator';

export class RefreshDto {
  /** The refresh token of the last sign-in or refresh */
  @IsJWT()
  refreshToken: string;
}
