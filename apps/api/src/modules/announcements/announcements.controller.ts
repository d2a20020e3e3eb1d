import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AnnouncementSummary, AnnouncementView, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { AnnouncementsService } from './announcements.service';
import { AnnouncementDto, AnnouncementsQuery } from './dto/announcement.dto';

@ApiTags('announcements')
@ApiBearerAuth()
@Controller()
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  /** 小区公告: the current ones, pinned first, then newest (read counts only for the side that posted each). */
  @Get('communities/:id/announcements')
  @Allow('announcements.read')
  list(@Param('id', ParseIdPipe) id: number, @Query() query: AnnouncementsQuery, @Caller() caller: Principal): Promise<Page<AnnouncementSummary>> {
    return this.announcements.list(id, query, caller);
  }

  /** Posts to the estate; each resident gets a notice (and a subscribe message) that opens it. */
  @Post('communities/:id/announcements')
  @Allow('announcements.post')
  post(@Param('id', ParseIdPipe) id: number, @Body() dto: AnnouncementDto, @Caller() caller: Principal): Promise<AnnouncementView> {
    return this.announcements.post(id, dto, caller);
  }

  /** One announcement in full. */
  @Get('announcements/:id')
  @Allow('announcements.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<AnnouncementView> {
    return this.announcements.get(id, caller);
  }

  /** 已读: the app says a resident opened it; counted once per resident (the count, never the name). */
  @Post('announcements/:id/read')
  @HttpCode(204)
  @Allow('announcements.read')
  async read(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<void> {
    await this.announcements.markRead(id, caller);
  }

  /** 撤回: the side that posted it takes it down. */
  @Post('announcements/:id/withdraw')
  @HttpCode(200)
  @Allow('announcements.post')
  withdraw(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<AnnouncementView> {
    return this.announcements.withdraw(id, caller);
  }
}
