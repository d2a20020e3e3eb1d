import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import {
  ITEM_PHOTOS_MAX,
  PATROL_FREQUENCIES,
  PATROL_POINTS_PER_PLAN_MAX,
  PATROL_POINT_KINDS,
  PATROL_RESULTS,
  type PatrolCheckInput,
  type PatrolFrequency,
  type PatrolPlanInput,
  type PatrolPlanUpdate,
  type PatrolPointInput,
  type PatrolPointKind,
  type PatrolResult,
} from '@wuye/contracts';
import { EnumField, IdListField, IntField, QueryBoolField, TextField } from '../../../common/fields';

const ID = { min: 1, max: 2 ** 31 - 1 };
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class PatrolPointDto implements PatrolPointInput {
  @TextField({ max: 50, example: '2号楼地下消防通道' })
  name: string;

  @TextField({ max: 100, example: '2号楼负一层东侧' })
  place: string;

  @EnumField(PATROL_POINT_KINDS, { description: 'fire_lane 消防通道, pump_room 水泵房, elevator_room 电梯机房, power_room 配电房, fire_control 消防控制室, other' })
  kind: PatrolPointKind;
}

/** What a manager may change of a plan: the same fields as a new one, the estate aside. */
export class PatrolPlanUpdateDto implements PatrolPlanUpdate {
  @TextField({ max: 50, example: '消防设施日巡' })
  name: string;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PATROL_POINTS_PER_PLAN_MAX)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2 ** 31 - 1, { each: true })
  pointIds: number[];

  @EnumField(PATROL_FREQUENCIES)
  frequency: PatrolFrequency;

  @TextField({ max: 5, pattern: HHMM, patternText: 'HH:MM', example: '08:00' })
  windowStart: string;

  @TextField({ max: 5, pattern: HHMM, patternText: 'HH:MM', example: '10:00' })
  windowEnd: string;

  @IntField(ID)
  assigneeId: number;
}

export class PatrolPlanDto extends PatrolPlanUpdateDto implements PatrolPlanInput {
  @IntField(ID)
  communityId: number;
}

export class PatrolPlansQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @QueryBoolField({ description: 'Only the plans assigned to the caller (今日巡检)' })
  mine?: boolean;
}

export class PatrolCheckDto implements PatrolCheckInput {
  @IntField(ID)
  pointId: number;

  @IntField({ ...ID, optional: true })
  planId?: number;

  @EnumField(PATROL_RESULTS)
  result: PatrolResult;

  @TextField({ max: 500, optional: true })
  note?: string;

  @IdListField(ITEM_PHOTOS_MAX)
  photoIds?: number[];

  @TextField({ max: 40, optional: true, description: 'ISO 8601: when it was checked (an offline check is sent later)' })
  checkedAt?: string;

  @TextField({ max: 16, optional: true, pattern: /^[a-f0-9]{16}$/, description: 'The code scanned at the point' })
  code?: string;
}

export class PatrolChecksQuery {
  @IntField({ ...ID, fromQuery: true })
  communityId: number;
}

export class PatrolStatsQuery {
  @TextField({ max: 7, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, patternText: 'YYYY-MM', example: '2026-11' })
  month: string;
}
