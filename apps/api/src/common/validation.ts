import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from './errors';

/** Chinese wording for the class-validator constraints our DTOs use. */
const CONSTRAINT_TEXT: Record<string, string> = {
  isString: '应为文本',
  isNotEmpty: '不能为空',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为是或否',
  isIn: '取值无效',
  isEnum: '取值无效',
  min: '太小',
  max: '太大',
  minLength: '太短',
  maxLength: '太长',
  length: '长度不正确',
  matches: '格式不正确',
  isDateString: '应为日期（YYYY-MM-DD）',
  isISO8601: '应为日期',
  isArray: '应为列表',
  arrayMaxSize: '项目太多',
  arrayMinSize: '项目太少',
  isObject: '应为对象',
  isLatitude: '应为有效纬度',
  isLongitude: '应为有效经度',
  whitelistValidation: '是不允许的字段',
  nestedValidation: '格式不正确',
  isDefined: '必须填写',
};

export interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((name) => CONSTRAINT_TEXT[name] ?? '格式不正确');
    const nested = flatten(error.children ?? [], field);
    return own.length ? [{ field, problems: own }, ...nested] : nested;
  });
}

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
let memoized = false;

/**
 * class-validator looks up a DTO's rules on every validation by walking the rules of every DTO class (an
 * `instanceof` per class, per request). All DTOs are declared when their modules load, before any request, so the
 * answer for a class and a set of options never changes: it is looked up once.
 */
function memoizeRuleLookup(storage: MetadataStorage = getMetadataStorage()): void {
  if (memoized) return;
  memoized = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const known = new Map<unknown, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let forTarget = known.get(target);
    if (!forTarget) known.set(target, (forTarget = new Map()));
    let rules = forTarget.get(options);
    if (!rules) forTarget.set(options, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
}

/**
 * Path parameters keep the text they came as. The global pipe runs before a parameter's own pipe, and its primitive
 * conversion (Number(value)) would hand ParseIdPipe 1000 for "1e3", 16 for "0x10" and 7 for "07", " 7", "+7" or
 * "7.0": ids are decided by ParseIdPipe alone, from the text.
 */
class ApiValidationPipe extends ValidationPipe {
  /** Query strings already validated, per DTO class: the DTO each one became (see transform). */
  private readonly queries = new Map<unknown, Map<string, Record<string, unknown>>>();

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }

  /**
   * A query string that passed before becomes the same DTO again without class-transformer and class-validator
   * (about a twentieth of an inbox call's CPU: a list is opened, refreshed and paged with the same few query
   * strings). Every rule of a query DTO is a function of the text alone (fields.ts: no clock, no database), so the
   * answer cannot change. Each call gets its own instance; refusals are not kept, so each is checked again.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const key = metadata.type === 'query' && metadata.metatype && this.toValidate(metadata) ? queryKey(value) : undefined;
    if (key === undefined) return super.transform(value, metadata);
    let known = this.queries.get(metadata.metatype);
    if (!known) this.queries.set(metadata.metatype, (known = new Map()));
    const seen = known.get(key);
    if (seen) return Object.assign(Object.create((metadata.metatype as { prototype: object }).prototype), seen);
    const dto = (await super.transform(value, metadata)) as Record<string, unknown>;
    if (Object.values(dto).every((v) => v === null || typeof v !== 'object')) {
      if (known.size >= KNOWN_QUERIES) known.clear();
      known.set(key, { ...dto });
    }
    return dto;
  }
}

/** Distinct query strings kept per DTO class (cleared when full: a crawler's cursors cannot grow it for ever). */
const KNOWN_QUERIES = 1000;
const MAX_KEY = 512;

/** The query as text, when it is short and every parameter came once (a string); otherwise undefined: not kept. */
function queryKey(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const v of Object.values(value)) if (typeof v !== 'string') return undefined;
  const key = JSON.stringify(value);
  return key.length <= MAX_KEY ? key : undefined;
}

/** DTO validation: unknown fields are refused, values are converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  memoizeRuleLookup();
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const first = details[0];
      const message = first ? `提交的内容有误：${first.field}${first.problems[0]}` : '提交的内容有误';
      return new DomainError(400, 'VALIDATION_FAILED', message, details);
    },
  });
}
