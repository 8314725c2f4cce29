import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser } from '@app/common';
import { AnnouncementsService } from '@app/notifications';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { AnnouncementResponse, CreateAnnouncementDto } from './dto/announcement.dto.js';

@ApiTags('notifications')
@Controller('announcements')
@Roles(Role.Secretariat)
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post()
  @ApiOperation({
    summary: 'Announce to everyone holding one of the roles / 发布公告',
    description: 'Reaches each recipient in the inbox and on the channels they chose.',
  })
  @ApiErrors(400)
  async announce(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateAnnouncementDto,
  ): Promise<AnnouncementResponse> {
    return AnnouncementResponse.from(await this.announcements.announce(actor, dto));
  }
}
