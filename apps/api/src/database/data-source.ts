import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/**
 * TypeORM options for either engine. Migrations run at start; `synchronize` is never used: the schema is what
 * the committed migrations say, on SQLite and MySQL alike.
 */
export function dataSourceOptions(config: DatabaseConfig, flavour: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
  };
  if (config.engine === 'mysql') {
    return {
      ...common,
      // TypeORM reads MariaDB's catalogue differently (e.g. how it reports NULL defaults): tell it which it is.
      type: flavour,
      url: config.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize: config.poolSize,
      connectTimeout: 5000,
      extra: { connectionLimit: config.poolSize, enableKeepAlive: true, waitForConnections: true, queueLimit: config.poolQueueLimit },
    };
  }
  fs.mkdirSync(path.dirname(config.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.path,
    // WAL lets readers run beside the writer; foreign keys are off by default in SQLite.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}

/** MySQL or MariaDB behind a mysql:// URL? Asked once at start; unknown (server down) counts as MySQL. */
export async function detectFlavour(config: DatabaseConfig): Promise<'mysql' | 'mariadb'> {
  if (config.engine !== 'mysql') return 'mysql';
  let connection: Connection | undefined;
  try {
    connection = await createConnection({ uri: config.url, connectTimeout: 5000 });
    const [rows] = await connection.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? 'mariadb' : 'mysql';
  } catch {
    return 'mysql';
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

/** A data source for tools beside the API: nothing runs at initialize (the caller migrates, under the lock, or not). */
export async function createDataSource(config: DatabaseConfig): Promise<DataSource> {
  return new DataSource({ ...dataSourceOptions(config, await detectFlavour(config)), migrationsRun: false });
}
