import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type Page } from '@wuye/contracts';
import { DomainError } from './errors';

/** Query parameters every list accepts. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  limit?: number;
}

export interface KeysetColumn {
  /** SQL expression of the sort column, e.g. "t.id". */
  expr: string;
  dir: 'ASC' | 'DESC';
}

type CursorValue = string | number;

const badCursor = () => new DomainError(400, 'BAD_CURSOR', '分页参数无效，请从第一页重新加载');

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (
    !Array.isArray(values) ||
    values.length !== length ||
    !values.every((v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 200))
  ) {
    throw badCursor();
  }
  return values as CursorValue[];
}

/**
 * Keyset pagination: "rows after the last one seen" in a fixed order, so page N costs the same as page 1
 * however large the table grows (no OFFSET). The last column must be unique (normally the id).
 */
export async function keysetPage<T extends ObjectLiteral, V = T>(
  qb: SelectQueryBuilder<T>,
  options: {
    columns: KeysetColumn[];
    cursor?: string;
    limit?: number;
    /** The sort values of a row, in column order: they become the next cursor. */
    keyOf: (row: T) => CursorValue[];
    view?: (row: T) => V;
  },
): Promise<Page<V>> {
  const { columns } = options;
  const limit = Math.min(options.limit ?? PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
  if (options.cursor) {
    const after = decodeCursor(options.cursor, columns.length);
    qb.andWhere(
      new Brackets((outer) => {
        columns.forEach((column, i) => {
          outer.orWhere(
            new Brackets((inner) => {
              for (let j = 0; j < i; j++) inner.andWhere(`${columns[j].expr} = :keyset${j}`);
              inner.andWhere(`${column.expr} ${column.dir === 'ASC' ? '>' : '<'} :keyset${i}`);
            }),
          );
        });
      }),
      Object.fromEntries(after.map((value, i) => [`keyset${i}`, value])),
    );
  }
  columns.forEach((column, i) => (i === 0 ? qb.orderBy(column.expr, column.dir) : qb.addOrderBy(column.expr, column.dir)));
  // limit(), not take(): lists join only many-to-one relations, so one row per entity.
  const rows = await qb.limit(limit + 1).getMany();
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const view = options.view ?? ((row: T) => row as unknown as V);
  return {
    items: items.map(view),
    nextCursor: more ? encodeCursor(options.keyOf(items[items.length - 1])) : null,
  };
}
