import { IntField, TextField } from '../../../common/fields';

export class CreateOpen311ClientDto {
  @TextField({ max: 64, example: '清河县12345热线' })
  name: string;

  @IntField({ min: 1, max: 2 ** 31 - 1, description: 'County, town or office whose estates it may file for' })
  areaId: number;
}
