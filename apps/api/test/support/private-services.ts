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

/** Waits until `check` passes; gives up at once if the server it waits for has exited (its port was taken). */
async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (child.exitCode === null && child.signalCode === null) throw new Error(`${what} did not come up`);
  return false;
}

/**
 * Starts a server on a free port, another if the one picked was taken before the server listened on it. A port found
 * free here is free only until the server binds it: another test's server may take it first, and answer our checks.
 */
async function onFreePort(what: string, start: (port: number) => Promise<boolean>): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    if (await start(port)) return port;
  }
  throw new Error(`${what}: five ports were taken before it could listen`);
}

export async function startPrivateMariaDb(database = 'wuye'): Promise<PrivateMariaDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-mariadb-'));
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/data`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  let child: ChildProcess | null = null;
  // Ours, not another test's server that took the port: the socket file is in our folder.
  const ours = async (port: number) => {
    const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
    try {
      const [rows] = await conn.query('SELECT @@socket AS socket');
      return (rows as { socket: string }[])[0].socket === `${dir}/sock`;
    } finally {
      await conn.end();
    }
  };
  const startOn = async (port: number) => {
    const c = spawn('/usr/sbin/mariadbd', ['--no-defaults', `--datadir=${dir}/data`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${dir}/sock`, '--user=root', '--skip-log-bin', '--innodb-buffer-pool-size=64M', '--max-connections=200'], { stdio: 'ignore' });
    child = c;
    return waitFor(() => ours(port), 'private MariaDB', c);
  };
  const port = await onFreePort('private MariaDB', startOn);
  // After an outage the server comes back on the same port: the API's settings name it.
  const start = async () => {
    if (!(await startOn(port))) throw new Error(`private MariaDB could not listen on ${port} again`);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL'); // an outage, not a polite shutdown
    await exited;
  };
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
  const { default: Redis } = await import('ioredis');
  let child: ChildProcess | null = null;
  const port = await onFreePort('private Redis', (port) => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child = c;
    return waitFor(
      async () => {
        const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await r.connect();
          // Ours, not another test's server that took the port.
          return (await r.info('server')).includes(`process_id:${c.pid}\r`);
        } finally {
          r.disconnect();
        }
      },
      'private Redis',
      c,
    );
  });
  return {
    url: `redis://127.0.0.1:${port}/0`,
    destroy: async () => {
      const c = child as ChildProcess | null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
  };
}
