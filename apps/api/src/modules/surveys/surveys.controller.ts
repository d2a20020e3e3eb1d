import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, SurveyAnswerView, SurveySummary, SurveyView } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CreateSurveyDto, SurveyAnswerDto, SurveysQuery } from './dto/survey.dto';
import { SurveysService } from './surveys.service';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  /** Satisfaction surveys covering the caller's estates (?communityId=, ?open=true), with how many of their houses have yet to answer. */
  @Get()
  @Allow('surveys.read')
  list(@Query() query: SurveysQuery, @Caller() caller: Principal): Promise<Page<SurveySummary>> {
    return this.surveys.list(query, caller);
  }

  /** A regulator launches the yearly campaign for an area (its estates and those below it). */
  @Post()
  @Allow('surveys.launch')
  create(@Body() dto: CreateSurveyDto, @Caller() caller: Principal): Promise<SurveyView> {
    return this.surveys.create(dto, caller);
  }

  /** The items and the results of the estates the caller reaches: averages only at or above the minimum of answers. */
  @Get(':id')
  @Allow('surveys.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<SurveyView> {
    return this.surveys.get(id, caller);
  }

  /** The caller's own answers (their houses'); nobody else's, whatever their role. */
  @Get(':id/answers')
  @Allow('surveys.answer')
  answers(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<SurveyAnswerView[]> {
    return this.surveys.myAnswers(id, caller);
  }

  /** One answer per house, inside the window, from a verified resident of an estate the campaign covers. */
  @Post(':id/answers')
  @Allow('surveys.answer')
  answer(@Param('id', ParseIdPipe) id: number, @Body() dto: SurveyAnswerDto, @Caller() caller: Principal): Promise<SurveyAnswerView> {
    return this.surveys.answer(id, dto, caller);
  }
}
