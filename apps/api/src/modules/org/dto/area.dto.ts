import { AREA_LEVELS, type AreaLevel, type CreateAreaInput, type UpdateAreaInput } from '@wuye/contracts';
import { EnumField, IntField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const CODE = /^[A-Za-z0-9_-]+$/;

export class CreateAreaDto implements CreateAreaInput {
  @TextField({ max: 32, pattern: CODE, description: '行政区划代码或内部编码', example: '331122' })
  code: string;

  @TextField({ max: 64, example: '城关镇' })
  name: string;

  @EnumField(AREA_LEVELS)
  level: AreaLevel;

  @IntField({ min: 1, max: 2 ** 31 - 1, nullable: true, description: 'Required for towns and community offices' })
  parentId?: number | null;
}

export class UpdateAreaDto implements UpdateAreaInput {
  @TextField({ max: 32, pattern: CODE, optional: true })
  code?: string;

  @TextField({ max: 64, optional: true })
  name?: string;
}

export class ListAreasQuery extends PageQuery {
  @EnumField(AREA_LEVELS, { optional: true })
  level?: AreaLevel;

  @IntField({ min: 1, max: 2 ** 31 - 1, optional: true, fromQuery: true })
  parentId?: number;
}
