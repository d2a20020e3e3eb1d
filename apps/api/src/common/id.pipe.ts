import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from './errors';

/** Path ids are positive 32-bit integers; anything else is refused before it reaches a query. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    // Text only: a number here means something converted it first (see createValidationPipe).
    if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2 ** 31 - 1) {
      throw new DomainError(400, 'VALIDATION_FAILED', '编号格式不正确', { value: String(value).slice(0, 32) });
    }
    return Number(value);
  }
}
