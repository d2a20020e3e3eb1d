import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import { sendXlsx, XLSX } from '../../common/download';
import type { FastifyReply } from 'fastify';
import type { AgendaCandidates, AttendanceCompliance, LiaisonView, MediationView, MeetingStats, MeetingItemView, MeetingSummary, MeetingView, Page, ReferralTier, ReferralView } from '@wuye/contracts';
import { invalid } from '../../common/errors';
import { readIdempotencyKey } from '../../common/idempotency';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { AddItemsDto, AgendaCandidatesQuery, CreateMediationDto, LiaisonDto, LiaisonsQuery, MeetingStatsQuery, CreateMeetingDto, MediationOutcomeDto, MediationsQuery, MeetingItemsQuery, MeetingItemTransitionDto, MeetingsQuery, ReferDto, ReferralsQuery } from './dto/meeting.dto';
import { LiaisonsService } from './liaisons.service';
import { MediationsService } from './mediations.service';
import { MeetingStatsService } from './meeting-stats.service';
import { MeetingsService } from './meetings.service';
import { ReferralsService } from './referrals.service';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly referrals: ReferralsService,
    private readonly mediationRecords: MediationsService,
    private readonly liaisons: LiaisonsService,
    private readonly stats: MeetingStatsService,
  ) {}

  /** Records a joint meeting of an estate with its agreed items. A form sent again with its key is recorded once. */
  @Post('meetings')
  @Allow('meetings.write')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 characters [A-Za-z0-9_-], one per meeting form' })
  async create(@Body() dto: CreateMeetingDto, @Caller() caller: Principal, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: FastifyReply): Promise<MeetingView> {
    const { meeting, replayed } = await this.meetings.create(dto, caller, readIdempotencyKey(key));
    if (replayed) res.header('Idempotent-Replayed', 'true');
    return meeting;
  }

  /** The meeting form's agenda for the estates it covers: referred 督办, owners' questions on disclosures, rectification orders. */
  @Get('meeting-agenda')
  @Allow('meetings.write')
  agendaCandidates(@Query() query: AgendaCandidatesQuery, @Caller() caller: Principal): Promise<AgendaCandidates> {
    return this.meetings.agendaCandidates(query, caller);
  }

  @Get('meetings')
  @Allow('meetings.read')
  list(@Query() query: MeetingsQuery, @Caller() caller: Principal): Promise<Page<MeetingView>> {
    return this.meetings.list(query, caller);
  }

  @Get('meetings/:id')
  @Allow('meetings.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<MeetingView> {
    return this.meetings.get(id, caller);
  }

  @Get('meetings/:id/items')
  @Allow('meetings.read')
  items(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<MeetingItemView[]> {
    return this.meetings.itemsOf(id, caller);
  }

  /** More items agreed at a meeting already recorded (追加议定事项). A form sent again with its key adds them once. */
  @Post('meetings/:id/items')
  @Allow('meetings.write')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 characters [A-Za-z0-9_-], one per form of added items' })
  async addItems(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: AddItemsDto,
    @Caller() caller: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<MeetingView> {
    const { meeting, replayed } = await this.meetings.addItems(id, dto, caller, readIdempotencyKey(key));
    if (replayed) res.header('Idempotent-Replayed', 'true');
    return meeting;
  }

  /** 议定项目 across the caller's estates (?overdue=true: the office's 督办 queue of late items). */
  @Get('meeting-items')
  @Allow('meetings.read')
  listItems(@Query() query: MeetingItemsQuery, @Caller() caller: Principal): Promise<Page<MeetingItemView>> {
    return this.meetings.listItems(query, caller);
  }

  /** 报落实 (the owner party), 核验 or 退回 (the office): the steps the item's `can` offers. */
  @Post('meeting-items/:id/transitions')
  @HttpCode(200)
  @Allow('meetings.read')
  transition(@Param('id', ParseIdPipe) id: number, @Body() dto: MeetingItemTransitionDto, @Caller() caller: Principal): Promise<MeetingItemView> {
    return this.meetings.transition(id, dto, caller);
  }

  /** The estate's meetings as residents see them: the date, the agreed items and their states; no names. */
  @Get('communities/:id/meetings')
  @Allow('tickets.read')
  summaries(@Param('id', ParseIdPipe) id: number, @Query() query: MeetingsQuery, @Caller() caller: Principal): Promise<Page<MeetingSummary>> {
    return this.meetings.summaries(id, query, caller);
  }

  /** From the 督办 queue, a tier up: the estate's next joint meeting, the town, or mediation. */
  @Post('escalations/:id/refer')
  @HttpCode(200)
  @Allow('escalations.handle')
  refer(@Param('id', ParseIdPipe) id: number, @Body() dto: ReferDto, @Caller() caller: Principal): Promise<ReferralView> {
    return this.referrals.refer(id, dto, caller);
  }

  /**
   * to=meeting (default): the tickets referred to an estate's next meeting and not yet taken up (the form's agenda,
   * ?communityId= required); to=town: the town regulator's queue; to=mediation: those sent to mediation.
   */
  @Get('referrals')
  @Allow('oversight.read')
  async referred(@Query() query: ReferralsQuery, @Caller() caller: Principal): Promise<ReferralView[]> {
    if ((query.to ?? 'meeting') !== 'meeting') return (await this.referrals.sentUp({ to: query.to as ReferralTier, communityId: query.communityId, limit: 50 }, caller)).items;
    if (!query.communityId) throw invalid('请选择小区', { field: 'communityId' });
    return this.referrals.pending(query.communityId, caller);
  }

  /** Per estate of an area and period: meetings held, items agreed, done and verified, disputes taken and resolved. */
  @Get('meeting-stats')
  @Allow('oversight.read')
  meetingStats(@Query() query: MeetingStatsQuery, @Caller() caller: Principal): Promise<MeetingStats> {
    return this.stats.stats(query.areaId, query.period, caller);
  }

  @Get('meeting-stats/export.xlsx')
  @Allow('oversight.read')
  @ApiProduces(XLSX)
  async exportMeetingStats(@Query() query: MeetingStatsQuery, @Caller() caller: Principal, @Res() res: FastifyReply): Promise<void> {
    sendXlsx(res, await this.stats.export(query.areaId, query.period, caller), 'meetings.xlsx');
  }

  /** 挂钩领导: the county assigns a leader to an estate (one the estate had before steps down). */
  @Post('liaisons')
  @Allow('liaisons.manage')
  assignLiaison(@Body() dto: LiaisonDto, @Caller() caller: Principal): Promise<LiaisonView> {
    return this.liaisons.assign(dto, caller);
  }

  /** Quarterly attendance per estate of an area: met, due or overdue, as disclosure compliance is. */
  @Get('liaisons')
  @Allow('oversight.read')
  attendance(@Query() query: LiaisonsQuery, @Caller() caller: Principal): Promise<AttendanceCompliance> {
    return this.liaisons.compliance(query.areaId, query.period, caller);
  }

  /** 人民调解: a dispute of an estate the office takes to mediation directly. */
  @Post('mediations')
  @Allow('escalations.handle')
  createMediation(@Body() dto: CreateMediationDto, @Caller() caller: Principal): Promise<MediationView> {
    return this.mediationRecords.create(dto, caller);
  }

  /** Mediations of the caller's area: the parties named in full to the estate's office, masked for everyone else. */
  @Get('mediations')
  @Allow('oversight.read')
  mediations(@Query() query: MediationsQuery, @Caller() caller: Principal): Promise<Page<MediationView>> {
    return this.mediationRecords.list(query, caller);
  }

  @Get('mediations/:id')
  @Allow('oversight.read')
  mediation(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<MediationView> {
    return this.mediationRecords.get(id, caller);
  }

  /** The outcome (化解, 未化解, 诉调对接), once, with the mediators by role and, when resolved, the signed agreement (PDF). */
  @Post('mediations/:id/outcome')
  @HttpCode(200)
  @Allow('escalations.handle')
  recordOutcome(@Param('id', ParseIdPipe) id: number, @Body() dto: MediationOutcomeDto, @Caller() caller: Principal): Promise<MediationView> {
    return this.mediationRecords.recordOutcome(id, dto, caller);
  }
}
