import { Column, ColumnOptions, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/**
 * Column shapes shared by every entity, written once so both engines (SQLite, MySQL/MariaDB) see the same types.
 * Ids are INTEGER (AUTOINCREMENT in SQLite needs exactly that type name).
 */
export const IdColumn = () => PrimaryGeneratedColumn('increment', { type: 'integer' });

export const RefColumn = (options: ColumnOptions = {}) => Column({ type: 'integer', ...options });

/** UTC instants with millisecond precision. */
export const InstantColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...options });
/** TypeORM's own defaults per engine (MySQL: datetime(6) DEFAULT CURRENT_TIMESTAMP(6)); migrations match them. */
export const CreatedAtColumn = () => CreateDateColumn();
export const UpdatedAtColumn = () => UpdateDateColumn();

/** Calendar dates (Asia/Shanghai) as YYYY-MM-DD strings. */
export const DateColumn = (options: ColumnOptions = {}) => Column({ type: 'date', ...options });

/** mysql2 returns BIGINT as a string; money (fen) is a safe integer in JS, so hydrate it as a number. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null || value === undefined) return value;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT outside the safe integer range: ${value}`);
    return n;
  },
};

/** An amount of money in integer fen (分). */
export const FenColumn = (options: ColumnOptions = {}) => Column({ type: 'bigint', transformer: bigintNumber, ...options });

/** A boolean: tinyint(1) on MySQL (as MariaDB reports it back), integer on SQLite. */
export const BoolColumn = (options: ColumnOptions = {}) => Column({ type: 'boolean', width: 1, ...options });

/** JSON kept in a TEXT column (portable across engines). */
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
