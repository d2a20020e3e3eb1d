import type { DataSource, EntityManager } from 'typeorm';

/** Driver codes of a transaction the server chose to abort so another could go on: running it again is safe. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

export function isRetryableConflict(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * A transaction that is run again (up to `attempts` times, after a short random pause) when the database
 * aborted it for a deadlock or a lock wait: concurrent writers on the same counters, as on two API processes,
 * then both succeed instead of one answering 500. `work` must only write through `m`.
 */
export async function retryingTransaction<T>(db: DataSource, work: (m: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * attempt));
    }
  }
}
