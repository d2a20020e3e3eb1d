import { PROPERTY_TYPES, type CreateBuildingInput, type CreateHouseInput, type PropertyType, type UpdateHouseInput } from '@wuye/contracts';
import { EnumField, IntField, NumberField, QueryBoolField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

export class CreateBuildingDto implements CreateBuildingInput {
  @TextField({ max: 32, example: '3栋' })
  name: string;
}

export class CreateHouseDto implements CreateHouseInput {
  @IntField(ID)
  buildingId: number;

  @TextField({ max: 16, nullable: true, example: '1单元' })
  unit?: string | null;

  @IntField({ min: -5, max: 200, example: 12 })
  floor: number;

  @TextField({ max: 16, example: '1201' })
  number: string;

  @NumberField({ min: 0.01, max: 99999.99, maxDecimals: 2, description: '建筑面积, m², two decimals', example: 89.35 })
  floorArea: number;

  @EnumField(PROPERTY_TYPES, { optional: true })
  propertyType?: PropertyType;
}

export class UpdateHouseDto implements UpdateHouseInput {
  @TextField({ max: 16, nullable: true })
  unit?: string | null;

  @IntField({ min: -5, max: 200, optional: true })
  floor?: number;

  @TextField({ max: 16, optional: true })
  number?: string;

  @NumberField({ min: 0.01, max: 99999.99, maxDecimals: 2, optional: true })
  floorArea?: number;

  @EnumField(PROPERTY_TYPES, { optional: true })
  propertyType?: PropertyType;
}

export class ListHousesQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  buildingId?: number;
}

export class ImportHousesQuery {
  @QueryBoolField({ description: 'Only check the file; import nothing' })
  dryRun?: boolean;
}
