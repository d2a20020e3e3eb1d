import { QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Building blocks for migrations that run unchanged on SQLite and MySQL/MariaDB. Types match columns.ts.
 * Only default expressions differ per engine, and they are chosen here, in one place.
 */
export const isMysql = (q: QueryRunner) => q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';

export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

export const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });

export const varchar = (name: string, length: number, nullable = false, defaultValue?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: `'${defaultValue}'` } : {}),
});

export const integer = (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: String(defaultValue) } : {}),
});

export const bigint = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });

export const double = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'double', isNullable: nullable });

/** A boolean: tinyint(1) on MySQL, as BoolColumn declares it. */
export const bool = (q: QueryRunner, name: string, defaultValue: boolean | null): TableColumnOptions => ({
  name,
  type: isMysql(q) ? 'tinyint' : 'boolean',
  ...(isMysql(q) ? { width: 1 } : {}),
  isNullable: defaultValue === null,
  ...(defaultValue === null ? {} : { default: defaultValue ? '1' : '0' }),
});

export const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });

export const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable });

export const instant = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});

/** created_at / updated_at with the defaults TypeORM's Create/UpdateDateColumn declare on each engine. */
export function timestamps(q: QueryRunner, withUpdated = true): TableColumnOptions[] {
  const created: TableColumnOptions = isMysql(q)
    ? { name: 'created_at', type: 'datetime', precision: 6, isNullable: false, default: 'CURRENT_TIMESTAMP(6)' }
    : { name: 'created_at', type: 'datetime', isNullable: false, default: "datetime('now')" };
  if (!withUpdated) return [created];
  return [created, { ...created, name: 'updated_at', ...(isMysql(q) ? { onUpdate: 'CURRENT_TIMESTAMP(6)' } : {}) }];
}

/** An index named as the entity's @Index would name it, so the schema and the entities never drift apart. */
export const index = (q: QueryRunner, table: string, columnNames: string[], isUnique = false) =>
  new TableIndex({ name: q.connection.namingStrategy.indexName(table, columnNames), columnNames, isUnique });

/** A foreign key named as the entity's @ManyToOne would name it. */
export const foreignKey = (q: QueryRunner, table: string, column: string, referencedTable: string) =>
  new TableForeignKey({
    name: q.connection.namingStrategy.foreignKeyName(table, [column], referencedTable, ['id']),
    columnNames: [column],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete: 'NO ACTION',
    onUpdate: 'NO ACTION',
  });

/** An index's columns, marked unique. */
export const unique = (columnNames: string[]) => ({ unique: columnNames });

/**
 * A table with its indexes and foreign keys, each named as the entities would name them: indexes are given as their
 * columns (`unique([...])` for a unique one), foreign keys as [column, referenced table].
 */
export async function createTable(
  q: QueryRunner,
  name: string,
  spec: { columns: TableColumnOptions[]; indices?: (string[] | { unique: string[] })[]; foreignKeys?: [string, string][] },
): Promise<void> {
  await q.createTable(
    new Table({
      name,
      columns: spec.columns,
      indices: (spec.indices ?? []).map((i) => (Array.isArray(i) ? index(q, name, i) : index(q, name, i.unique, true))),
      foreignKeys: (spec.foreignKeys ?? []).map(([column, referenced]) => foreignKey(q, name, column, referenced)),
    }),
  );
}
