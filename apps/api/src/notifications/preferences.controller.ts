import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/common';
import { PreferencesService } from '@app/notifications';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, SignedIn } from '../common/auth.decorators.js';
import { PreferencesResponse, UpdatePreferencesDto } from './dto/preferences.dto.js';

@ApiTags('notifications')
@Controller('notifications/preferences')
@SignedIn()
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOperation({
    summary: 'My channels per kind of notification / 我的通知渠道',
    description: 'Every kind, with my choice or its default; the in-app inbox always receives.',
  })
  async list(@CurrentUser() user: AuthUser): Promise<PreferencesResponse> {
    return PreferencesResponse.from(await this.preferences.list(user.id));
  }

  @Put()
  @ApiOperation({
    summary: 'Choose email and webhook per kind / 设置通知渠道',
    description: 'Kinds not listed keep their setting; answers the full list.',
  })
  @ApiErrors(400)
  async update(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpdatePreferencesDto,
  ): Promise<PreferencesResponse> {
    return PreferencesResponse.from(await this.preferences.update(user.id, dto.preferences));
  }
}
