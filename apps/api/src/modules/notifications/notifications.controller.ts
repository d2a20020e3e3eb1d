import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationView, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { PageQuery } from '../../common/pagination';
import { Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** 消息: the caller's notifications, newest first. */
  @Get()
  @SignedIn()
  list(@Caller() caller: Principal, @Query() query: PageQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(caller.userId, query);
  }

  @Get('unread-count')
  @SignedIn()
  unread(@Caller() caller: Principal): Promise<{ unread: number }> {
    return this.notifications.unreadCount(caller.userId);
  }

  @Post(':id/read')
  @HttpCode(204)
  @SignedIn()
  async read(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<void> {
    await this.notifications.markRead(caller.userId, id);
  }

  @Post('read-all')
  @HttpCode(200)
  @SignedIn()
  readAll(@Caller() caller: Principal): Promise<{ updated: number }> {
    return this.notifications.markAllRead(caller.userId);
  }
}
