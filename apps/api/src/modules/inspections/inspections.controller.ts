import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendXlsx, XLSX } from '../../common/download';
import type { InspectionStats, InspectionSummary, InspectionTemplateView, InspectionView, Page, RectificationSummary, RectificationView } from '@wuye/contracts';
import { readIdempotencyKey } from '../../common/idempotency';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CreateInspectionDto, InspectionStatsQuery, InspectionsQuery, InspectionTemplateDto, RectificationsQuery, RectificationStepDto, TemplatesQuery } from './dto/inspection.dto';
import { InspectionStatsService } from './inspection-stats.service';
import { InspectionsService } from './inspections.service';
import { RectificationsService } from './rectifications.service';

@ApiTags('inspections')
@ApiBearerAuth()
@Controller()
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly rectifications: RectificationsService,
    private readonly stats: InspectionStatsService,
  ) {}

  /** Checklist templates: those that apply to an estate (?communityId=), or those of the caller's areas. */
  @Get('inspection-templates')
  @Allow('inspections.write')
  templates(@Query() query: TemplatesQuery, @Caller() caller: Principal): Promise<InspectionTemplateView[]> {
    return this.inspections.templates(caller, query.communityId);
  }

  @Post('inspection-templates')
  @Allow('inspections.templates')
  createTemplate(@Body() dto: InspectionTemplateDto, @Caller() caller: Principal): Promise<InspectionTemplateView> {
    return this.inspections.createTemplate(dto, caller);
  }

  @Put('inspection-templates/:id')
  @Allow('inspections.templates')
  updateTemplate(@Param('id', ParseIdPipe) id: number, @Body() dto: InspectionTemplateDto, @Caller() caller: Principal): Promise<InspectionTemplateView> {
    return this.inspections.updateTemplate(id, dto, caller);
  }

  /** Records an inspection; failed items become rectification orders. A draft sent again with its key is recorded once. */
  @Post('inspections')
  @Allow('inspections.write')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 characters [A-Za-z0-9_-], one per inspection draft' })
  async create(@Body() dto: CreateInspectionDto, @Caller() caller: Principal, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: FastifyReply): Promise<InspectionView> {
    const { inspection, replayed } = await this.inspections.create(dto, caller, readIdempotencyKey(key));
    if (replayed) res.header('Idempotent-Replayed', 'true');
    return inspection;
  }

  @Get('inspections')
  @Allow('inspections.read')
  list(@Query() query: InspectionsQuery, @Caller() caller: Principal): Promise<Page<InspectionView>> {
    return this.inspections.list(query, caller);
  }

  @Get('inspections/:id')
  @Allow('inspections.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<InspectionView> {
    return this.inspections.get(id, caller);
  }

  /** Per estate of an area in a period: inspections, average score, orders issued, closed, overdue. */
  @Get('inspection-stats')
  @Allow('oversight.read')
  inspectionStats(@Query() query: InspectionStatsQuery, @Caller() caller: Principal): Promise<InspectionStats> {
    return this.stats.stats(query.areaId, query.period, caller);
  }

  @Get('inspections/:id/export.xlsx')
  @Allow('inspections.read')
  @ApiProduces(XLSX)
  async exportInspection(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal, @Res() res: FastifyReply): Promise<void> {
    sendXlsx(res, await this.stats.exportInspection(id, caller), 'inspection.xlsx');
  }

  /** The orders of an area's inspections in a period, with the figures per estate. */
  @Get('rectifications/export.xlsx')
  @Allow('oversight.read')
  @ApiProduces(XLSX)
  async exportOrders(@Query() query: InspectionStatsQuery, @Caller() caller: Principal, @Res() res: FastifyReply): Promise<void> {
    sendXlsx(res, await this.stats.exportOrders(query.areaId, query.period, caller), 'rectifications.xlsx');
  }

  /** The estate's inspections as residents see them: date, kind, score, orders open and closed; no notes. */
  @Get('communities/:id/inspections')
  @Allow('tickets.read')
  summaries(@Param('id', ParseIdPipe) id: number, @Query() query: InspectionsQuery, @Caller() caller: Principal): Promise<Page<InspectionSummary>> {
    return this.inspections.summaries(id, query, caller);
  }

  /** 整改单: the company's own, or those of the caller's estates (?overdue=true: the office's 督办 queue). */
  @Get('rectifications')
  @Allow('inspections.read')
  rectificationList(@Query() query: RectificationsQuery, @Caller() caller: Principal): Promise<Page<RectificationSummary>> {
    return this.rectifications.list(query, caller);
  }

  @Get('rectifications/:id')
  @Allow('inspections.read')
  rectification(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<RectificationView> {
    return this.rectifications.get(id, caller);
  }

  /** The project manager replies with what was done: text and at least one photo. */
  @Post('rectifications/:id/reply')
  @HttpCode(200)
  @Allow('rectifications.reply')
  reply(@Param('id', ParseIdPipe) id: number, @Body() dto: RectificationStepDto, @Caller() caller: Principal): Promise<RectificationView> {
    return this.rectifications.step(id, 'reply', dto, caller);
  }

  /** 销号: the inspecting office accepts the rectification. */
  @Post('rectifications/:id/verify')
  @HttpCode(200)
  @Allow('inspections.write')
  verify(@Param('id', ParseIdPipe) id: number, @Body() dto: RectificationStepDto, @Caller() caller: Principal): Promise<RectificationView> {
    return this.rectifications.step(id, 'verify', dto, caller);
  }

  /** 退回: not put right; back to the manager, with the reason. */
  @Post('rectifications/:id/return')
  @HttpCode(200)
  @Allow('inspections.write')
  returnOrder(@Param('id', ParseIdPipe) id: number, @Body() dto: RectificationStepDto, @Caller() caller: Principal): Promise<RectificationView> {
    return this.rectifications.step(id, 'return', dto, caller);
  }
}
