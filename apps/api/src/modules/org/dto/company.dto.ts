import { Transform } from 'class-transformer';
import type { CreateCompanyInput, UpdateCompanyInput } from '@wuye/contracts';
import { TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const upper = Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
const PHONE = /^[0-9+\-() ]{5,32}$/;

export class CreateCompanyDto implements CreateCompanyInput {
  @TextField({ min: 2, max: 128, example: '清河万家物业服务有限公司' })
  name: string;

  @TextField({ min: 1, max: 32, description: '统一社会信用代码 (18 characters, check digit verified)', example: '91350100M000100Y43' })
  @upper
  creditCode: string;

  @TextField({ max: 32, pattern: PHONE, nullable: true })
  contactPhone?: string | null;

  @TextField({ max: 255, nullable: true })
  address?: string | null;
}

export class UpdateCompanyDto implements UpdateCompanyInput {
  @TextField({ min: 2, max: 128, optional: true })
  name?: string;

  @TextField({ min: 1, max: 32, optional: true })
  @upper
  creditCode?: string;

  @TextField({ max: 32, pattern: PHONE, nullable: true })
  contactPhone?: string | null;

  @TextField({ max: 255, nullable: true })
  address?: string | null;
}

export class ListCompaniesQuery extends PageQuery {
  @TextField({ max: 64, optional: true, description: 'Part of the name' })
  q?: string;
}
