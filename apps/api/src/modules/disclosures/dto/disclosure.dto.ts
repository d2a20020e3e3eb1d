import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DISCLOSURE_STATES,
  DISCLOSURE_TYPES,
  DRAFTABLE_DISCLOSURE_TYPES,
  type CreateDisclosureInput,
  type DisclosureContent,
  type DisclosureLineInput,
  type DisclosureState,
  type DisclosureType,
  type UpdateDisclosureInput,
} from '@wuye/contracts';
import { EnumField, IntField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

/** A line: its kind-specific fields are checked by disclosure-rules.ts, per disclosure type. */
export class DisclosureLineDto implements DisclosureLineInput {
  @IntField({ min: 1, max: 2 ** 31 - 1, optional: true, description: 'an existing line of this draft, edited in place (keeps its id)' })
  id?: number;

  @TextField({ max: 16, example: 'income' })
  kind: string;

  @TextField({ max: 200, example: '电梯轿厢广告' })
  item: string;

  @IntField({ min: 0, max: 10_000_000_000_000, optional: true, description: '分' })
  amountFen?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { category: 'advertising', counterparty: '某传媒公司' } })
  @IsOptional()
  @IsObject()
  fields?: Record<string, string | number | boolean | null>;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2 ** 31 - 1, { each: true })
  attachmentIds?: number[];
}

export class CreateDisclosureDto implements CreateDisclosureInput {
  @IntField(ID)
  communityId: number;

  @EnumField(DRAFTABLE_DISCLOSURE_TYPES)
  type: DisclosureType;

  @TextField({ max: 8, example: '2026-Q3' })
  period: string;

  @TextField({ max: 100, example: '2026年第三季度公共收益公示' })
  title: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  content?: DisclosureContent;

  @ApiProperty({ type: [DisclosureLineDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DisclosureLineDto)
  lines: DisclosureLineDto[];
}

export class UpdateDisclosureDto implements UpdateDisclosureInput {
  @TextField({ max: 8, optional: true })
  period?: string;

  @TextField({ max: 100, optional: true })
  title?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  content?: DisclosureContent;

  @ApiPropertyOptional({ type: [DisclosureLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DisclosureLineDto)
  lines?: DisclosureLineDto[];

  @IntField({ min: 1, max: 2 ** 31 - 1, optional: true, description: 'rowVersion the editor saw; stale → 409' })
  rowVersion?: number;
}

export class CorrectionDto extends UpdateDisclosureDto {
  @TextField({ max: 500, description: 'Why the published version is corrected (shown with both versions)' })
  reason: string;
}

export class ReviewDto {
  @IntField({ ...ID, optional: true, description: 'A line of the disclosure; empty for the whole' })
  lineId?: number;

  @EnumField(['approve', 'query'] as const)
  decision: 'approve' | 'query';

  @TextField({ max: 500, optional: true, description: 'Required for a query' })
  comment?: string;
}

export class AnswerDto {
  @TextField({ max: 2000 })
  answer: string;
}

export class QuestionDto {
  @IntField({ ...ID, optional: true })
  lineId?: number;

  @TextField({ max: 1000, example: '广告收入为何比上季度少了一半？' })
  text: string;
}

export class ListDisclosuresQuery extends PageQuery {
  @EnumField(DISCLOSURE_TYPES, { optional: true })
  type?: DisclosureType;

  @TextField({ max: 8, optional: true })
  period?: string;

  @EnumField(DISCLOSURE_STATES, { optional: true })
  state?: DisclosureState;
}

export class QuestionsQuery extends PageQuery {
  @EnumField(['unanswered', 'overdue', 'all'] as const, { optional: true })
  filter?: 'unanswered' | 'overdue' | 'all';
}

export class DisclosureSettingsDto {
  @IntField({ min: 1, max: 60, description: 'Days the manager has to answer a question' })
  questionAnswerDays: number;
}

export class YearQuery {
  @IntField({ min: 2000, max: 2100, fromQuery: true })
  year: number;
}

export class ComplianceQuery {
  @IntField({ min: 1, max: 36, optional: true, fromQuery: true, description: 'Months to look back (default 12)' })
  months?: number;
}

export class AreaComplianceQuery extends ComplianceQuery {
  @IntField({ ...ID, fromQuery: true })
  areaId: number;
}
