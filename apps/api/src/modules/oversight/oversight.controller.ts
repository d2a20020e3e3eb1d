import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendXlsx, XLSX } from '../../common/download';
import type { AreaOverview, CommitteeEvaluationsView, CommitteeEvaluationView, CompanyOverview, CreditEventView, EscalationView, Page, StarRatingsView, StarRatingView } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CommitteeEvaluationsService } from './committee-evaluations.service';
import { CreditService } from './credit.service';
import { CommitteeEvaluationDto, CommitteeEvaluationsQuery, CloseEscalationDto, CreditEventDto, CreditEventsQuery, EscalationDeadlineDto, EscalationNoteDto, EscalationsQuery, ManagersQuery, OverviewQuery, StarRatingDto, YearParam } from './dto/oversight.dto';
import { EscalationQueueService } from './escalation-queue.service';
import { OverviewService } from './overview.service';
import { RatingsService } from './ratings.service';
import { StatsExportService } from './stats-export.service';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller()
export class OversightController {
  constructor(
    private readonly overview: OverviewService,
    private readonly escalations: EscalationQueueService,
    private readonly ratings: RatingsService,
    private readonly credit: CreditService,
    private readonly exports: StatsExportService,
    private readonly evaluations: CommitteeEvaluationsService,
  ) {}

  /** Statistics of a county, town or community office: per child area, per estate; from maintained rollups. */
  @Get('stats/overview')
  @Allow('oversight.read')
  areaOverview(@Query() query: OverviewQuery, @Caller() caller: Principal): Promise<AreaOverview> {
    return this.overview.overview(query.areaId, query.from, query.to, caller);
  }

  @Get('stats/companies')
  @Allow('oversight.read')
  companies(@Query() query: OverviewQuery, @Caller() caller: Principal): Promise<CompanyOverview[]> {
    return this.overview.companies(query.areaId, query.from, query.to, caller);
  }

  @Get('stats/export.xlsx')
  @Allow('oversight.read')
  @ApiProduces(XLSX)
  async export(@Query() query: OverviewQuery, @Caller() caller: Principal, @Res() res: FastifyReply): Promise<void> {
    sendXlsx(res, await this.exports.export(query.areaId, query.from, query.to, caller), 'stats.xlsx');
  }

  /** 督办 queue: escalated tickets of the caller's estates. */
  @Get('escalations')
  @Allow('oversight.read')
  queue(@Query() query: EscalationsQuery, @Caller() caller: Principal): Promise<Page<EscalationView>> {
    return this.escalations.list(query, caller);
  }

  @Post('escalations/:id/comments')
  @HttpCode(200)
  @Allow('escalations.handle')
  comment(@Param('id', ParseIdPipe) id: number, @Body() dto: EscalationNoteDto, @Caller() caller: Principal): Promise<EscalationView> {
    return this.escalations.comment(id, dto.note, caller);
  }

  @Post('escalations/:id/deadline')
  @HttpCode(200)
  @Allow('escalations.handle')
  deadline(@Param('id', ParseIdPipe) id: number, @Body() dto: EscalationDeadlineDto, @Caller() caller: Principal): Promise<EscalationView> {
    return this.escalations.setDeadline(id, dto, caller);
  }

  @Post('escalations/:id/close')
  @HttpCode(200)
  @Allow('escalations.handle')
  close(@Param('id', ParseIdPipe) id: number, @Body() dto: CloseEscalationDto, @Caller() caller: Principal): Promise<EscalationView> {
    return this.escalations.close(id, dto.note, caller);
  }

  /** An estate's star ratings (residents see theirs) with the indicators the system holds. */
  @Get('communities/:id/star-ratings')
  @Allow('tickets.read')
  starRatings(@Param('id', ParseIdPipe) id: number, @Query() query: YearParam, @Caller() caller: Principal): Promise<StarRatingsView> {
    return this.ratings.forCommunity(id, query.year, caller);
  }

  @Post('communities/:id/star-ratings')
  @Allow('ratings.write')
  rate(@Param('id', ParseIdPipe) id: number, @Body() dto: StarRatingDto, @Caller() caller: Principal): Promise<StarRatingView> {
    return this.ratings.rate(id, dto, caller);
  }

  /** A company's credit standing over the last 12 months: public to every signed-in user. */
  @Get('companies/:id/credit')
  @SignedIn()
  companyCredit(@Param('id', ParseIdPipe) id: number) {
    return this.credit.companyCredit(id);
  }

  /** The project managers of an estate on a day, for the credit-event form (a regulator names the manager concerned). */
  @Get('communities/:id/managers')
  @Allow('ratings.write')
  managers(@Param('id', ParseIdPipe) id: number, @Query() query: ManagersQuery, @Caller() caller: Principal): Promise<{ id: number; displayName: string }[]> {
    return this.credit.managersOf(id, query, caller);
  }

  @Get('credit-events')
  @Allow('oversight.read')
  creditEvents(@Query() query: CreditEventsQuery, @Caller() caller: Principal): Promise<Page<CreditEventView>> {
    return this.credit.list(query, caller);
  }

  @Post('credit-events')
  @Allow('ratings.write')
  recordCredit(@Body() dto: CreditEventDto, @Caller() caller: Principal): Promise<CreditEventView> {
    return this.credit.record(dto, caller);
  }

  /** 业委会履职考评 of an estate: the year's evaluation (residents see the grade), every version, and the indicators now. */
  @Get('committee-evaluations')
  @Allow('evaluations.read')
  committeeEvaluations(@Query() query: CommitteeEvaluationsQuery, @Caller() caller: Principal): Promise<CommitteeEvaluationsView> {
    return this.evaluations.forCommunity(query, caller);
  }

  /** The estate's community office records the year's evaluation, or changes it (a new version with its reason). */
  @Post('committee-evaluations')
  @Allow('evaluations.write')
  evaluateCommittee(@Body() dto: CommitteeEvaluationDto, @Caller() caller: Principal): Promise<CommitteeEvaluationView> {
    return this.evaluations.record(dto, caller);
  }
}
