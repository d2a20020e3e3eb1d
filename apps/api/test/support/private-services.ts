import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from './process';

/**
 * A MariaDB server and a Redis server of the test's own, on loopback ports of their own, so a test can stop,
 * kill and restart them without touching the machine's shared services. Needs the binaries installed
 * (Debian: mariadb-server, redis-server), not running.
 */
export interface PrivateMariaDb {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up`);
}

export async function startPrivateMariaDb(database = 'wuye'): Promise<PrivateMariaDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-mariadb-'));
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/data`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  const port = await freePort();
  let child: ChildProcess | null = null;
  const ping = async () => {
    const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
    await conn.end();
    return true;
  };
  const start = async () => {
    child = spawn('/usr/sbin/mariadbd', ['--no-defaults', `--datadir=${dir}/data`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${dir}/sock`, '--user=root', '--skip-log-bin', '--innodb-buffer-pool-size=64M', '--max-connections=200'], { stdio: 'ignore' });
    await waitFor(ping, 'private MariaDB');
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL'); // an outage, not a polite shutdown
    await exited;
  };
  await start();
  const conn = await createConnection({ host: '127.0.0.1', port, user: 'root' });
  await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    url: `mysql://root@127.0.0.1:${port}/${database}`,
    port,
    stop,
    start,
    destroy: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startPrivateRedis(): Promise<{ url: string; destroy(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const { default: Redis } = await import('ioredis');
  await waitFor(async () => {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } finally {
      r.disconnect();
    }
  }, 'private Redis');
  return {
    url: `redis://127.0.0.1:${port}/0`,
    destroy: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
