import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsString, Length } from 'class-validator';
import { Role } from '@app/common';
import type { Announcement } from '@app/notifications';
import { trim } from '../../common/dto-transforms.js';

export class CreateAnnouncementDto {
  /** 1–100 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  title: string;

  /** 1–2000 characters */
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  body: string;

  /** Everyone holding one of these roles receives it */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  audience: Role[];
}

export class AnnouncementResponse {
  id: string;
  title: string;
  body: string;
  audience: Role[];
  createdAt: Date;

  static from(announcement: Announcement): AnnouncementResponse {
    return Object.assign(new AnnouncementResponse(), {
      id: announcement.id,
      title: announcement.title,
      body: announcement.body,
      audience: announcement.audience,
      createdAt: announcement.createdAt,
    });
  }
}
