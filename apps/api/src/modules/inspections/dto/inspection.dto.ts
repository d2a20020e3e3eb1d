import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import {
  INSPECTION_KINDS,
  INSPECTION_SECTIONS,
  INSPECTORS_MAX,
  ITEM_PHOTOS_MAX,
  ITEM_RESULTS,
  ITEM_WEIGHT_MAX,
  RECTIFICATION_STATES,
  RECTIFY_DAYS_MAX,
  TEMPLATE_ITEMS_MAX,
  TEMPLATE_ITEM_TEXT_MAX,
  type CreateInspectionInput,
  type InspectionKind,
  type InspectionSection,
  type InspectionTemplateInput,
  type ItemResult,
  type ItemResultInput,
  type RectificationState,
  type RectificationStepInput,
} from '@wuye/contracts';
import { DateField, EnumField, IdListField, IntField, QueryBoolField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

export class TemplateItemDto {
  @EnumField(INSPECTION_SECTIONS, { description: 'management 综合管理, order 秩序维护, cleaning 保洁, greening 绿化, facilities 设施设备, fire 消防安全' })
  section: InspectionSection;

  @TextField({ max: TEMPLATE_ITEM_TEXT_MAX, example: '消防通道畅通，无占用堵塞' })
  text: string;

  @IntField({ min: 1, max: ITEM_WEIGHT_MAX })
  weight: number;
}

export class InspectionTemplateDto implements InspectionTemplateInput {
  @IntField(ID)
  areaId: number;

  @TextField({ max: 100, example: '住宅小区物业服务季度检查表' })
  name: string;

  @ApiProperty({ type: [TemplateItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TEMPLATE_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => TemplateItemDto)
  items: TemplateItemDto[];
}

export class TemplatesQuery {
  @IntField({ ...ID, optional: true, fromQuery: true, description: 'Templates that apply to this estate (its area and those above)' })
  communityId?: number;
}

export class ItemResultDto implements ItemResultInput {
  @TextField({ max: 16 })
  code: string;

  @EnumField(ITEM_RESULTS)
  result: ItemResult;

  @TextField({ max: 500, optional: true })
  note?: string;

  @IdListField(ITEM_PHOTOS_MAX)
  photoIds?: number[];

  @IntField({ min: 1, max: RECTIFY_DAYS_MAX, optional: true })
  rectifyDays?: number;
}

export class CreateInspectionDto implements CreateInspectionInput {
  @IntField(ID)
  communityId: number;

  @IntField(ID)
  templateId: number;

  @EnumField(INSPECTION_KINDS, { description: 'quarterly 季度抽查, joint 联合检查, traced 投诉溯源' })
  kind: InspectionKind;

  @DateField()
  inspectedOn: string;

  @ApiProperty({ type: [String], example: ['赵书记', '县住建局 王科长'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INSPECTORS_MAX)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  inspectors: string[];

  @IdListField(20)
  tracedTicketIds?: number[];

  @ApiProperty({ type: [ItemResultDto] })
  @IsArray()
  @ArrayMaxSize(TEMPLATE_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ItemResultDto)
  results: ItemResultDto[];
}

export class InspectionsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;
}

export class RectificationsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @IntField({ ...ID, optional: true, fromQuery: true })
  inspectionId?: number;

  @EnumField(RECTIFICATION_STATES, { optional: true })
  state?: RectificationState;

  @QueryBoolField({ description: 'Only orders past their deadline while the company had them (the office’s 督办 queue)' })
  overdue?: boolean;
}

export class RectificationStepDto implements RectificationStepInput {
  @IntField({ min: 1, max: 2 ** 31 - 1, description: 'The version the caller saw' })
  version: number;

  @TextField({ max: 500, optional: true })
  note?: string;

  @IdListField(ITEM_PHOTOS_MAX)
  photoIds?: number[];
}

export class InspectionStatsQuery {
  @IntField({ ...ID, fromQuery: true, description: 'County, town or community office' })
  areaId: number;

  @TextField({ max: 7, pattern: /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, patternText: '2026-Q4, 2026-10 or 2026', example: '2026-Q4', description: 'A quarter, a month or a year (Asia/Shanghai), by the day inspected' })
  period: string;
}
