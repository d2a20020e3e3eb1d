import * as path from 'node:path';
import { registerAs } from '@nestjs/config';
import { ConfigError, EnvReader } from './env';
import { readAppConfig } from './app.config';

export type DatabaseConfig =
  | { engine: 'sqlite'; path: string }
  | { engine: 'mysql'; url: string; database: string; poolSize: number; poolQueueLimit: number; connectRetries: number };

/** Embedded SQLite by default; MySQL 8 / MariaDB when DB_URL=mysql://user:pass@host:port/db is set. */
export function readDatabaseConfig(env = new EnvReader()): DatabaseConfig {
  const url = env.url('DB_URL', ['mysql:', 'mariadb:']);
  if (url) {
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!/^[A-Za-z0-9_$-]{1,64}$/.test(database)) {
      throw new ConfigError('DB_URL', 'must name a database, e.g. mysql://user:pass@127.0.0.1:3306/wuye');
    }
    url.protocol = 'mysql:';
    return {
      engine: 'mysql',
      url: url.toString(),
      database,
      poolSize: env.int('DB_POOL_SIZE', 10, 1, 200),
      /** Calls that may wait for a pooled connection; one more is answered 503 SERVER_BUSY at once. */
      poolQueueLimit: env.int('DB_POOL_QUEUE_LIMIT', 500, 1, 100_000),
      /** Attempts to reach the server at start (2 s apart), for a database that starts alongside the API. */
      connectRetries: env.int('DB_CONNECT_RETRIES', 10, 0, 1000),
    };
  }
  const { dataDir } = readAppConfig(env);
  return { engine: 'sqlite', path: path.resolve(env.string('DB_PATH', path.join(dataDir, 'wuye.sqlite'))) };
}

export const databaseConfig = registerAs('database', () => readDatabaseConfig());
