import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/common';
import { InboxService } from '@app/notifications';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CurrentUser, SignedIn } from '../common/auth.decorators.js';
import {
  InboxResponse,
  MarkedReadResponse,
  NotificationResponse,
  QueryInboxDto,
  UnreadCountResponse,
} from './dto/inbox.dto.js';

/** The signed-in user's own in-app inbox; nobody reaches another user's notifications. */
@ApiTags('notifications')
@Controller('notifications')
@SignedIn()
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first / 我的通知' })
  @ApiOkResponse({ type: InboxResponse })
  @ApiErrors(400)
  async list(@CurrentUser() user: AuthUser, @Query() query: QueryInboxDto): Promise<InboxResponse> {
    const [page, unread] = await Promise.all([
      this.inbox.list(user.id, {
        page: query.page,
        pageSize: query.pageSize,
        unreadOnly: query.unread === true,
      }),
      this.inbox.unreadCount(user.id),
    ]);
    return InboxResponse.of(page, unread);
  }

  // The fixed paths come before `:id/read`, so no id ever swallows them.
  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread / 未读通知数' })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountResponse> {
    return { unread: await this.inbox.unreadCount(user.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read / 全部标为已读' })
  async markAllRead(@CurrentUser() user: AuthUser): Promise<MarkedReadResponse> {
    return { marked: await this.inbox.markAllRead(user.id) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark one of my notifications read / 标为已读',
    description: "Another user's notification answers 404, as if it did not exist.",
  })
  @ApiErrors(400, 404)
  async markRead(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<NotificationResponse> {
    return NotificationResponse.from(await this.inbox.markRead(user.id, id));
  }
}
