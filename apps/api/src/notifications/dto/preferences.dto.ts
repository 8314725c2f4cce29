import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  ValidateNested,
} from 'class-validator';
import { NOTIFICATION_KINDS, type KindPreference } from '@app/notifications';
import { BilingualText } from './bilingual.response.js';

const KINDS = [...NOTIFICATION_KINDS.keys()];

export class PreferenceChoiceDto {
  /** A kind listed by GET /api/notifications/preferences */
  @IsString()
  @IsIn(KINDS, { message: `kind must be one of: ${KINDS.join(', ')}` })
  kind: string;

  /** Send this kind by email too */
  @IsBoolean()
  email: boolean;

  /** Send this kind to the SMS/webhook gateway too */
  @IsBoolean()
  webhook: boolean;
}

export class UpdatePreferencesDto {
  /** The kinds to change; kinds not listed keep their setting */
  @IsArray()
  @ArrayMaxSize(KINDS.length)
  @ArrayUnique((choice: Partial<PreferenceChoiceDto> | null) => choice?.kind, {
    message: 'preferences must name each kind once',
  })
  @ValidateNested({ each: true })
  @Type(() => PreferenceChoiceDto)
  preferences: PreferenceChoiceDto[];
}

export class PreferenceResponse {
  kind: string;
  label: BilingualText;
  /** Always true: the in-app inbox receives every notification */
  inApp: true;
  email: boolean;
  webhook: boolean;

  static from(preference: KindPreference): PreferenceResponse {
    return Object.assign(new PreferenceResponse(), {
      kind: preference.kind,
      label: BilingualText.from(preference.label),
      inApp: true,
      email: preference.email,
      webhook: preference.webhook,
    });
  }
}

export class PreferencesResponse {
  preferences: PreferenceResponse[];

  static from(preferences: KindPreference[]): PreferencesResponse {
    return Object.assign(new PreferencesResponse(), {
      preferences: preferences.map((preference) => PreferenceResponse.from(preference)),
    });
  }
}
