import { Type } from 'class-transformer';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { EnumField, IntField, TextField } from '../../../common/fields';

/** A number that may arrive as text (form-encoded Open311 posts). */
const Coordinate = (min: number, max: number) => (target: object, key: string) => {
  ApiPropertyOptional({ type: Number, minimum: min, maximum: max })(target, key);
  IsOptional()(target, key);
  Type(() => Number)(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
  Min(min)(target, key);
  Max(max)(target, key);
};

export class Open311JurisdictionQuery {
  @TextField({ max: 32, pattern: /^[A-Za-z0-9_-]+$/, optional: true, description: 'The estate’s code' })
  jurisdiction_id?: string;
}

export class Open311RequestsQuery extends Open311JurisdictionQuery {
  /** Plain decimal ids as the paths take them (no 07, 1e3, 0x10): see ParseIdPipe. */
  @TextField({ max: 500, pattern: /^[1-9]\d{0,9}(,[1-9]\d{0,9})*$/, optional: true })
  service_request_id?: string;

  @TextField({ max: 32, optional: true })
  service_code?: string;

  @TextField({ max: 40, optional: true, description: 'ISO 8601' })
  start_date?: string;

  @TextField({ max: 40, optional: true, description: 'ISO 8601' })
  end_date?: string;

  @EnumField(['open', 'closed'] as const, { optional: true })
  status?: 'open' | 'closed';
}

/**
 * POST requests.json as GeoReport v2 defines it. Personal fields (first_name, last_name, email, phone,
 * device_id, account_id) are accepted and deliberately not stored.
 */
export class Open311CreateDto {
  @TextField({ max: 80 })
  api_key: string;

  @TextField({ max: 32, pattern: /^[A-Za-z0-9_-]+$/ })
  jurisdiction_id: string;

  @TextField({ max: 32 })
  service_code: string;

  @TextField({ max: 1000 })
  description: string;

  @Coordinate(-90, 90)
  lat?: number;

  @Coordinate(-180, 180)
  long?: number;

  @TextField({ max: 100, optional: true })
  address_string?: string;

  @TextField({ max: 64, optional: true })
  address_id?: string;

  @TextField({ max: 500, optional: true, description: 'Not fetched; kept out of the ticket' })
  media_url?: string;

  @TextField({ max: 64, optional: true }) first_name?: string;
  @TextField({ max: 64, optional: true }) last_name?: string;
  @TextField({ max: 128, optional: true }) email?: string;
  @TextField({ max: 32, optional: true }) phone?: string;
  @TextField({ max: 128, optional: true }) device_id?: string;
  @TextField({ max: 128, optional: true }) account_id?: string;
}

export class CreateOpen311ClientDto {
  @TextField({ max: 64, example: '清河县12345热线' })
  name: string;

  @IntField({ min: 1, max: 2 ** 31 - 1, description: 'County, town or office whose estates it may file for' })
  areaId: number;
}
