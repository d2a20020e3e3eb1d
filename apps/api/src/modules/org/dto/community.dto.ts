import type { CreateCommunityInput, UpdateCommunityInput } from '@wuye/contracts';
import { IntField, NumberField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const CODE = /^[A-Za-z0-9_-]+$/;
const ID = { min: 1, max: 2 ** 31 - 1 };

/** Where the estate is: its address and map point, both optional. */
class CommunityPlace {
  @TextField({ max: 255, nullable: true })
  address?: string | null;

  @NumberField({ min: -90, max: 90, nullable: true })
  lat?: number | null;

  @NumberField({ min: -180, max: 180, nullable: true })
  long?: number | null;
}

export class CreateCommunityDto extends CommunityPlace implements CreateCommunityInput {
  @TextField({ min: 2, max: 32, pattern: CODE, description: 'Public code; the Open311 jurisdiction_id', example: 'QH-JXHY' })
  code: string;

  @TextField({ max: 64, example: '锦绣花园' })
  name: string;

  @IntField({ ...ID, description: 'The community office (社区/村) it belongs to' })
  areaId: number;
}

export class UpdateCommunityDto extends CommunityPlace implements UpdateCommunityInput {
  @TextField({ min: 2, max: 32, pattern: CODE, optional: true })
  code?: string;

  @TextField({ max: 64, optional: true })
  name?: string;

  @IntField({ ...ID, optional: true })
  areaId?: number;
}

export class ListCommunitiesQuery extends PageQuery {
  @TextField({ max: 64, optional: true, description: 'Part of the name' })
  q?: string;

  @IntField({ ...ID, optional: true, fromQuery: true, description: 'Only communities in this area (any level)' })
  areaId?: number;
}
