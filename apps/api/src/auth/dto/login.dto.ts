import { IsString, Length } from 'class-validator';

export class LoginDto {
  /** Email address or mobile number */
  @IsString()
  @Length(3, 254)
  login: string;

  @IsString()
  @Length(1, 128)
  password: string;
}
