import { QueryFailedError, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Some properties of an entity, read with hand-written SQL on paths that run on every request (the ticket lists,
 * the caller's grants). It skips the query builder's SQL generation and full-entity hydration, yet converts each
 * value exactly as TypeORM would for the engine in use (dates, booleans, JSON columns, transformers).
 */
export class RawColumns<T extends ObjectLiteral, K extends keyof T & string> {
  private readonly columns: ColumnMetadata[];
  /** `alias.column AS property, …` for a SELECT list. */
  readonly select: string;
  /** One row's entity as an object literal of these properties, compiled once (see hydrate). */
  private readonly build: (row: Record<string, unknown>, prepare: (value: unknown, column: number) => unknown) => Pick<T, K>;
  private readonly prepare = (value: unknown, column: number): unknown => this.db.driver.prepareHydratedValue(value, this.columns[column]);

  constructor(
    private readonly db: DataSource,
    entity: EntityTarget<T>,
    alias: string,
    properties: readonly K[],
  ) {
    const meta = db.getMetadata(entity);
    this.columns = properties.map((p) => {
      const column = meta.findColumnWithPropertyName(p);
      if (!column) throw new Error(`${meta.name} has no column ${p}`);
      return column;
    });
    const q = (name: string) => db.driver.escape(name);
    this.select = this.columns.map((c) => `${alias}.${q(c.databaseName)} AS ${q(c.propertyName)}`).join(', ');
    // Property names come from the entity's metadata, never from input; JSON.stringify quotes them as JS strings.
    const fields = this.columns.map((c, i) => `${JSON.stringify(c.propertyName)}: prepare(row[${JSON.stringify(c.propertyName)}], ${i})`);
    this.build = new Function('row', 'prepare', `return { ${fields.join(', ')} };`) as typeof this.build;
  }

  /**
   * Every row becomes an object of one shape, all its properties set at once (as mysql2 compiles its row parsers):
   * added one by one, 20–25 of them on each row, they cost about a tenth of a list call's instructions, in the
   * stores themselves and in every later read of the rows (callgrind, README "Sharp edges").
   */
  hydrate(row: Record<string, unknown>): Pick<T, K> {
    return this.build(row, this.prepare);
  }
}

/**
 * Runs SQL written with TypeORM's named parameters (`:name`, `:...list`), converted for the engine in use as the
 * query builder would (dates, booleans, lists).
 */
export async function rawQuery<R = Record<string, unknown>>(
  db: DataSource | EntityManager,
  sql: string,
  parameters: Record<string, unknown> = {},
): Promise<R[]> {
  const driver = 'driver' in db ? db.driver : db.connection.driver;
  const [query, values] = driver.escapeQueryWithParameters(sql, parameters, {});
  const pool = 'driver' in db ? mysqlPool(driver) : undefined;
  if (!pool) return db.query(query, values);
  // Outside a transaction on MySQL/MariaDB: straight to the driver's pool. TypeORM's query runner (an object, a
  // logger call, before/after events and a copy of the rows per statement) took about 40 µs of the inbox's ~1 ms, and
  // logging is off. Errors stay TypeORM's QueryFailedError, as the error filter expects.
  // Measure before moving another hot read here: the list's name lookups, moved here, made V8 pretenure their
  // objects into the old generation and cost more CPU than they saved (commit da2f479, `--trace-gc`).
  return new Promise<R[]>((resolve, reject) =>
    pool.query(query, values, (error, rows) => (error ? reject(new QueryFailedError(query, values, error)) : resolve(rows as R[]))),
  );
}

interface CallbackPool {
  query(sql: string, values: unknown[], done: (error: Error | null, rows: unknown) => void): void;
}

/** The mysql2 pool behind a MySQL/MariaDB DataSource (no read replicas are configured); undefined elsewhere. */
function mysqlPool(driver: Driver): CallbackPool | undefined {
  return driver instanceof MysqlDriver && !driver.poolCluster ? (driver.pool as CallbackPool | undefined) : undefined;
}
