import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import type { DeadlineFloor, ReplaceDeadlineFloorsInput, TicketCategory } from '@wuye/contracts';
import { BoolField, IntField, TextField } from '../../../common/fields';

export class TicketCategoryDto implements TicketCategory {
  @TextField({ max: 32, pattern: /^[a-z][a-z0-9_]*$/, example: 'elevator' })
  code: string;

  @TextField({ max: 16, example: '电梯' })
  name: string;

  @IntField({ min: 5, max: 30 * 24 * 60, description: 'Minutes to accept' })
  responseMinutes: number;

  @IntField({ min: 10, max: 90 * 24 * 60, description: 'Minutes to resolve' })
  resolutionMinutes: number;

  @BoolField()
  emergency: boolean;

  @BoolField()
  active: boolean;
}

export class ReplaceCategoriesDto {
  @ApiProperty({ type: [TicketCategoryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TicketCategoryDto)
  categories: TicketCategoryDto[];
}

/** A county's floor for a category: the same fields and limits as the category it binds, less `active`. */
export class DeadlineFloorDto extends OmitType(TicketCategoryDto, ['active'] as const) implements DeadlineFloor {}

export class ReplaceDeadlineFloorsDto implements ReplaceDeadlineFloorsInput {
  @ApiProperty({ type: [DeadlineFloorDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DeadlineFloorDto)
  floors: DeadlineFloorDto[];
}
