import type { DataSource } from 'typeorm';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';

/** What we use of a mysql2 pool: its 'enqueue' event and (internal, but stable for years) queue of waiting calls. */
interface QueueingPool {
  on(event: 'enqueue', listener: () => void): unknown;
  off?(event: 'enqueue', listener: () => void): unknown;
  _connectionQueue?: { length: number };
}

/**
 * How long the call that has waited longest for a pooled MySQL/MariaDB connection has been waiting, in ms (0 when
 * none waits). mysql2 tells when a call joins the queue, not when it leaves; the queue is first in, first out, so
 * the times of the calls still queued are the last `queue.length` of those noted. Also how many wait now. Undefined
 * on SQLite (no pool).
 */
export function watchPoolWait(db: DataSource): { longestWaitMs: () => number; waiting: () => number; stop: () => void } | undefined {
  const driver = db.driver;
  const pool = driver instanceof MysqlDriver && !driver.poolCluster ? (driver.pool as QueueingPool | undefined) : undefined;
  if (!pool || !pool._connectionQueue) return undefined;
  const queue = pool._connectionQueue;
  let joined: number[] = [];
  const forget = (waiting: number) => {
    if (joined.length > waiting) joined = joined.slice(joined.length - waiting);
  };
  const onEnqueue = () => {
    // Emitted just before the call is added.
    forget(queue.length);
    joined.push(performance.now());
  };
  pool.on('enqueue', onEnqueue);
  return {
    longestWaitMs: () => {
      forget(queue.length);
      return joined.length ? performance.now() - joined[0] : 0;
    },
    /** Calls waiting for a connection now. */
    waiting: () => queue.length,
    stop: () => pool.off?.('enqueue', onEnqueue),
  };
}
