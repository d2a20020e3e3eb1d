import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import {
  CONTRACT_END_REASONS,
  PROPERTY_TYPES,
  SERVICE_GRADES,
  type ContractEndReason,
  type CreateContractInput,
  type EndContractInput,
  type FeeStandard,
  type PropertyType,
  type ServiceGrade,
} from '@wuye/contracts';
import { DateField, EnumField, IntField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

export class FeeStandardDto implements FeeStandard {
  @EnumField(PROPERTY_TYPES)
  propertyType: PropertyType;

  @IntField({ min: 0, max: 1_000_000, description: '分 per m² per month' })
  pricePerM2MonthFen: number;
}

export class CreateContractDto implements CreateContractInput {
  @IntField(ID)
  communityId: number;

  @IntField(ID)
  companyId: number;

  @DateField({ description: 'First day of service (inclusive)' })
  startsOn: string;

  @DateField({ nullable: true, description: 'Last day of service (inclusive); empty for open-ended' })
  endsOn?: string | null;

  @EnumField(SERVICE_GRADES)
  serviceGrade: ServiceGrade;

  @ApiProperty({ type: [FeeStandardDto], required: false })
  @IsArray()
  @ArrayMaxSize(PROPERTY_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => FeeStandardDto)
  feeStandards: FeeStandardDto[] = [];
}

export class EndContractDto implements EndContractInput {
  @EnumField(CONTRACT_END_REASONS, { description: 'expired 到期, terminated 清退, reselected 业主改选' })
  reason: ContractEndReason;

  @TextField({ max: 255, optional: true })
  note?: string;
}

export class ListContractsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @IntField({ ...ID, optional: true, fromQuery: true })
  companyId?: number;
}
