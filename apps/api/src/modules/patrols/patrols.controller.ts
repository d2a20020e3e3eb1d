import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { HazardRegister, PatrolCheckView, PatrolPlanView, PatrolPointView, PatrolStats } from '@wuye/contracts';
import { readIdempotencyKey } from '../../common/idempotency';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { PatrolCheckDto, PatrolChecksQuery, PatrolPlanDto, PatrolPlansQuery, PatrolPlanUpdateDto, PatrolPointDto, PatrolStatsQuery } from './dto/patrol.dto';
import { PatrolsService } from './patrols.service';

@ApiTags('patrols')
@ApiBearerAuth()
@Controller()
export class PatrolsController {
  constructor(private readonly patrols: PatrolsService) {}

  @Get('communities/:id/patrol-points')
  @Allow('patrols.read')
  points(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<PatrolPointView[]> {
    return this.patrols.points(id, caller);
  }

  @Post('communities/:id/patrol-points')
  @Allow('patrols.manage')
  createPoint(@Param('id', ParseIdPipe) id: number, @Body() dto: PatrolPointDto, @Caller() caller: Principal): Promise<PatrolPointView> {
    return this.patrols.createPoint(id, dto, caller);
  }

  /** 停用: the point leaves the estate's plans and today's rounds; its checks stay in the history. */
  @Delete('communities/:id/patrol-points/:pointId')
  @HttpCode(204)
  @Allow('patrols.manage')
  async retirePoint(@Param('id', ParseIdPipe) id: number, @Param('pointId', ParseIdPipe) pointId: number, @Caller() caller: Principal): Promise<void> {
    await this.patrols.retirePoint(id, pointId, caller);
  }

  /** The point's printable QR code (PNG): scanned in the mini-program, it opens the point for a check. */
  @Get('patrol-points/:id/code.png')
  @Allow('patrols.read')
  @ApiProduces('image/png')
  async code(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal, @Res() res: FastifyReply): Promise<void> {
    const file = await this.patrols.codePng(id, caller);
    void res.header('Content-Type', 'image/png').header('Content-Disposition', `inline; filename="patrol-point-${id}.png"; filename*=UTF-8''${encodeURIComponent(file.filename)}`).send(file.body);
  }

  /** Plans of the caller's estates (?mine=true: 今日巡检), each with its points' checks this period. */
  @Get('patrol-plans')
  @Allow('patrols.read')
  plans(@Query() query: PatrolPlansQuery, @Caller() caller: Principal): Promise<PatrolPlanView[]> {
    return this.patrols.plans(query, caller);
  }

  @Post('patrol-plans')
  @Allow('patrols.manage')
  createPlan(@Body() dto: PatrolPlanDto, @Caller() caller: Principal): Promise<PatrolPlanView> {
    return this.patrols.createPlan(dto, caller);
  }

  /** Edits a plan: points, frequency, time window, assignee. */
  @Put('patrol-plans/:id')
  @Allow('patrols.manage')
  updatePlan(@Param('id', ParseIdPipe) id: number, @Body() dto: PatrolPlanUpdateDto, @Caller() caller: Principal): Promise<PatrolPlanView> {
    return this.patrols.updatePlan(id, dto, caller);
  }

  @Get('patrol-checks')
  @Allow('patrols.read')
  checks(@Query() query: PatrolChecksQuery, @Caller() caller: Principal): Promise<PatrolCheckView[]> {
    return this.patrols.checks(query.communityId, caller);
  }

  /** A check; abnormal (note and photo) opens a hazard ticket. A check sent again with its key is recorded once. */
  @Post('patrol-checks')
  @Allow('patrols.check')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 characters [A-Za-z0-9_-], one per check' })
  async check(@Body() dto: PatrolCheckDto, @Caller() caller: Principal, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: FastifyReply): Promise<PatrolCheckView> {
    const { check, replayed } = await this.patrols.check(dto, caller, readIdempotencyKey(key));
    if (replayed) res.header('Idempotent-Replayed', 'true');
    return check;
  }

  /** 隐患台账: open hazard tickets by severity and age, those past their category's deadline flagged. */
  @Get('communities/:id/hazards')
  @Allow('patrols.read')
  hazards(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<HazardRegister> {
    return this.patrols.hazards(id, caller);
  }

  /** A month's patrols: due, done, the completion rate, and each missed point and period. */
  @Get('communities/:id/patrol-stats')
  @Allow('patrols.read')
  stats(@Param('id', ParseIdPipe) id: number, @Query() query: PatrolStatsQuery, @Caller() caller: Principal): Promise<PatrolStats> {
    return this.patrols.stats(id, query.month, caller);
  }
}
