import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A fresh database for one test file: a temporary SQLite file by default, or, when DB_URL points at a
 * MySQL/MariaDB server, a new database on it, dropped afterwards.
 */
export interface TestDatabase {
  env: Record<string, string>;
  engine: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

const serverUrl = () => process.env.TEST_DB_SERVER_URL ?? process.env.DB_URL;

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = serverUrl();
  if (server) {
    // Remember the server for later databases in this worker: DB_URL itself is overwritten below.
    process.env.TEST_DB_SERVER_URL = server;
    const url = new URL(server);
    const name = `wuye_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    url.pathname = `/${name}`;
    return {
      env: { DB_URL: url.toString(), DB_CONNECT_RETRIES: '0' },
      engine: 'mysql',
      drop: async () => {
        const conn = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-test-'));
  return {
    env: { DB_PATH: path.join(dir, 'test.sqlite') },
    engine: 'sqlite',
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
