import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sendXlsx, XLSX } from '../../common/download';
import type { ChainEntry, ChainVerification, ComplianceView, DisclosureSummary, DisclosureView, Page, QuestionView } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { ChainService } from './chain.service';
import { ComplianceService } from './compliance.service';
import { DisclosureDraftingService } from './disclosure-drafting.service';
import { DisclosureQuestionsService } from './disclosure-questions.service';
import { DisclosureReviewService } from './disclosure-review.service';
import { DisclosureViewsService } from './disclosure-views.service';
import {
  AnswerDto,
  AreaComplianceQuery,
  ComplianceQuery,
  CorrectionDto,
  CreateDisclosureDto,
  DisclosureSettingsDto,
  ListDisclosuresQuery,
  QuestionDto,
  QuestionsQuery,
  ReviewDto,
  UpdateDisclosureDto,
  YearQuery,
} from './dto/disclosure.dto';
import { DisclosureExportService } from './export.service';

@ApiTags('disclosures')
@ApiBearerAuth()
@Controller()
export class DisclosuresController {
  constructor(
    private readonly views: DisclosureViewsService,
    private readonly drafting: DisclosureDraftingService,
    private readonly reviewing: DisclosureReviewService,
    private readonly asking: DisclosureQuestionsService,
    private readonly chain: ChainService,
    private readonly compliance: ComplianceService,
    private readonly exports: DisclosureExportService,
  ) {}

  /** The board (residents: published versions), or every state for the property side and the committee. */
  @Get('communities/:id/disclosures')
  @Allow('disclosures.read')
  list(@Param('id', ParseIdPipe) id: number, @Query() query: ListDisclosuresQuery, @Caller() caller: Principal): Promise<Page<DisclosureSummary>> {
    return this.views.list(id, query, caller);
  }

  @Get('communities/:id/disclosures/chain')
  @Allow('disclosures.read')
  chainOf(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<ChainEntry[]> {
    return this.chain.chain(id, caller);
  }

  /** Recomputes every published version's hash and the links between them: "未被篡改", or where it breaks. */
  @Get('communities/:id/disclosures/chain/verify')
  @Allow('disclosures.read')
  verify(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<ChainVerification> {
    return this.chain.verify(id, caller);
  }

  @Get('communities/:id/disclosures/export.xlsx')
  @Allow('disclosures.read')
  @ApiProduces(XLSX)
  async exportYear(@Param('id', ParseIdPipe) id: number, @Query() query: YearQuery, @Caller() caller: Principal, @Res() res: FastifyReply): Promise<void> {
    sendXlsx(res, await this.exports.year(id, query.year, caller));
  }

  @Get('communities/:id/disclosure-compliance')
  @Allow('disclosures.oversee')
  complianceOf(@Param('id', ParseIdPipe) id: number, @Query() query: ComplianceQuery, @Caller() caller: Principal): Promise<ComplianceView> {
    return this.compliance.forCommunity(id, query.months ?? 12, caller);
  }

  /** Every estate of an area (office, town, county) with what it has not disclosed in time. */
  @Get('disclosure-compliance')
  @Allow('disclosures.oversee')
  complianceOfArea(@Query() query: AreaComplianceQuery, @Caller() caller: Principal): Promise<ComplianceView[]> {
    return this.compliance.forArea(query.areaId, query.months ?? 12, caller);
  }

  @Get('communities/:id/questions')
  @Allow('disclosures.oversee')
  questions(@Param('id', ParseIdPipe) id: number, @Query() query: QuestionsQuery, @Caller() caller: Principal) {
    return this.asking.questions(id, query, caller);
  }

  @Put('communities/:id/disclosure-settings')
  @Allow('disclosures.settings')
  settings(@Param('id', ParseIdPipe) id: number, @Body() dto: DisclosureSettingsDto, @Caller() caller: Principal) {
    return this.asking.setQuestionDays(id, dto.questionAnswerDays, caller);
  }

  @Post('disclosures')
  @Allow('disclosures.write')
  create(@Body() dto: CreateDisclosureDto, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.drafting.create(dto, caller);
  }

  @Get('disclosures/:id')
  @Allow('disclosures.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.views.get(id, caller);
  }

  /** Drafts only: a published disclosure is corrected, never edited. */
  @Patch('disclosures/:id')
  @Allow('disclosures.write')
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateDisclosureDto, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.drafting.update(id, dto, caller);
  }

  @Post('disclosures/:id/submit')
  @HttpCode(200)
  @Allow('disclosures.write')
  submit(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.drafting.submit(id, caller);
  }

  @Post('disclosures/:id/withdraw')
  @HttpCode(200)
  @Allow('disclosures.write')
  withdraw(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.drafting.withdraw(id, caller);
  }

  @Post('disclosures/:id/reviews')
  @Allow('disclosures.review')
  review(@Param('id', ParseIdPipe) id: number, @Body() dto: ReviewDto, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.reviewing.review(id, dto, caller);
  }

  /** The manager answers a committee member's query. */
  @Post('disclosure-reviews/:id/answer')
  @HttpCode(200)
  @Allow('disclosures.write')
  answerReview(@Param('id', ParseIdPipe) id: number, @Body() dto: AnswerDto, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.reviewing.answerReview(id, dto, caller);
  }

  @Post('disclosures/:id/sign-off')
  @HttpCode(200)
  @Allow('disclosures.signoff')
  signOff(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.reviewing.signOff(id, caller);
  }

  @Post('disclosures/:id/corrections')
  @Allow('disclosures.write')
  correct(@Param('id', ParseIdPipe) id: number, @Body() dto: CorrectionDto, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.drafting.correct(id, dto, caller);
  }

  @Get('disclosures/:id/export.xlsx')
  @Allow('disclosures.read')
  @ApiProduces(XLSX)
  async exportOne(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal, @Res() res: FastifyReply): Promise<void> {
    sendXlsx(res, await this.exports.one(id, caller));
  }

  @Post('disclosures/:id/questions')
  @Allow('disclosures.ask')
  ask(@Param('id', ParseIdPipe) id: number, @Body() dto: QuestionDto, @Caller() caller: Principal): Promise<DisclosureView> {
    return this.asking.ask(id, dto, caller);
  }

  @Post('questions/:id/answer')
  @HttpCode(200)
  @Allow('disclosures.write')
  answer(@Param('id', ParseIdPipe) id: number, @Body() dto: AnswerDto, @Caller() caller: Principal): Promise<QuestionView> {
    return this.asking.answerQuestion(id, dto, caller);
  }
}
