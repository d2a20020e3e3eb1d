import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ApiProperty, PickType } from '@nestjs/swagger';
import { TemplateItemDto } from '../../inspections/dto/inspection.dto';
import {
  SURVEY_COMMENT_MAX,
  SURVEY_ITEMS_MAX,
  SURVEY_MIN_ANSWERS_MAX,
  SURVEY_TITLE_MAX,
  type CreateSurveyInput,
  type SurveyAnswerInput,
} from '@wuye/contracts';
import { DateField, IntField, QueryBoolField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

/** An item: a section of the service standard and the question asked (as a checklist item, without a weight). */
export class SurveyItemDto extends PickType(TemplateItemDto, ['section', 'text'] as const) {}

export class CreateSurveyDto implements CreateSurveyInput {
  @IntField({ ...ID, description: 'The county, town or community office whose estates are asked' })
  areaId: number;

  @TextField({ max: SURVEY_TITLE_MAX, example: '2026年度物业服务满意度测评' })
  title: string;

  @IntField({ min: 2000, max: 2100 })
  year: number;

  @DateField({ description: 'First day of answering (Asia/Shanghai)' })
  opensOn: string;

  @DateField({ description: 'Last day of answering, inclusive' })
  closesOn: string;

  @IntField({ min: 1, max: SURVEY_MIN_ANSWERS_MAX, optional: true, description: 'Answers an estate needs before its results are shown (default 10)' })
  minAnswers?: number;

  @ApiProperty({ type: [SurveyItemDto], required: false, description: 'One item per section of the service standard when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SURVEY_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => SurveyItemDto)
  items?: SurveyItemDto[];
}

export class SurveyAnswerDto implements SurveyAnswerInput {
  @IntField(ID)
  houseId: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer', minimum: 1, maximum: 5 }, example: { s1: 5, s2: 4 } })
  @IsObject()
  scores: Record<string, number>;

  @TextField({ max: SURVEY_COMMENT_MAX, optional: true })
  comment?: string;
}

export class SurveysQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true, description: 'Campaigns covering this estate' })
  communityId?: number;

  @QueryBoolField({ description: 'Only campaigns open today' })
  open?: boolean;
}
