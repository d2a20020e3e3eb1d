import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  NotContains,
  ValidateIf,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { isCalendarDate } from '@wuye/contracts';

/**
 * DTO field decorators: validation, conversion and API docs for one field in one line, so every DTO checks the
 * same things the same way.
 */
interface Common {
  optional?: boolean;
  /** Optional fields that may also be sent as null to clear them. */
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

/** Optional: may be left out, but null is refused (it is not a value of the field); nullable: null clears it. */
const optionality = ({ optional, nullable }: Common) =>
  nullable ? [ValidateIf((_, value) => value !== null && value !== undefined)] : optional ? [ValidateIf((_, value) => value !== undefined)] : [];

const docs = (c: Common, extra: Record<string, unknown>) =>
  ApiProperty({ required: !(c.optional || c.nullable), nullable: c.nullable, description: c.description, example: c.example, ...extra });

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export function TextField(options: Common & { min?: number; max: number; pattern?: RegExp; patternText?: string }) {
  const { min = 1, max, pattern } = options;
  return applyDecorators(
    docs(options, { type: String, minLength: min, maxLength: max, pattern: pattern?.source }),
    ...optionality(options),
    trim,
    IsString(),
    Length(min, max),
    // NUL bytes are never meaningful text and some drivers choke on them.
    NotContains('\u0000'),
    ...(pattern ? [Matches(pattern)] : []),
  );
}

export function IntField(options: Common & { min: number; max: number; fromQuery?: boolean }) {
  return applyDecorators(
    docs(options, { type: Number, minimum: options.min, maximum: options.max }),
    ...optionality(options),
    ...(options.fromQuery ? [Type(() => Number)] : []),
    IsInt(),
    Min(options.min),
    Max(options.max),
  );
}

export function NumberField(options: Common & { min: number; max: number; maxDecimals?: number }) {
  return applyDecorators(
    docs(options, { type: Number, minimum: options.min, maximum: options.max }),
    ...optionality(options),
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: options.maxDecimals }),
    Min(options.min),
    Max(options.max),
  );
}

export function EnumField(values: readonly string[], options: Common = {}) {
  return applyDecorators(docs(options, { enum: values, type: String }), ...optionality(options), IsIn(values as string[]));
}

function IsCalendarDate(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateString',
      target: object.constructor,
      propertyName: String(propertyName),
      options: validationOptions,
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}

/** A calendar date, YYYY-MM-DD. */
export function DateField(options: Common = {}) {
  return applyDecorators(docs(options, { type: String, format: 'date', example: '2026-01-01' }), ...optionality(options), IsCalendarDate());
}

/** A JSON boolean. */
export function BoolField(options: Common = {}) {
  return applyDecorators(docs(options, { type: Boolean }), ...optionality(options), IsBoolean());
}

/** A boolean in a query string ("true"/"false"). */
export function QueryBoolField(options: Common = {}) {
  return applyDecorators(
    docs({ ...options, optional: true }, { type: Boolean }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value)),
    IsIn([true, false]),
  );
}

/** A list of ids (photos, tickets): optional, at most `max`, each a positive 32-bit integer. */
export function IdListField(max: number) {
  return applyDecorators(
    ApiProperty({ type: [Number], required: false, maxItems: max }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(2 ** 31 - 1, { each: true }),
  );
}
