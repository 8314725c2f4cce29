import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { MAINLAND_MOBILE } from '@app/users';
import { trim } from '../../common/dto-transforms.js';

export class RegisterDto {
  /** Email address; required unless a phone number is given */
  @ValidateIf((dto: RegisterDto) => dto.email !== undefined || dto.phone === undefined)
  @IsEmail({}, { message: 'email must be an email address (give an email or a phone)' })
  @MaxLength(254)
  email?: string;

  /** Mainland mobile number; required unless an email is given */
  @IsOptional()
  @Matches(MAINLAND_MOBILE, { message: 'phone must be a mainland mobile number' })
  phone?: string;

  /** At least 8 characters */
  @IsString()
  @Length(8, 128)
  password: string;

  /** Name shown to others (1–50 characters) */
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  displayName: string;
}
