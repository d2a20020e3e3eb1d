import { getHeapStatistics } from 'node:v8';
import { registerAs } from '@nestjs/config';
import { EnvReader } from './env';

/**
 * Load shedding: past any of these, API calls are answered at once with 503 SERVER_BUSY and Retry-After instead of
 * queueing until they time out (health checks and WeChat's message push are always served). 0 turns a check off.
 */
/** The event-loop delay held by default; also what "the loop keeps up" means to admission when the check is off. */
export const DEFAULT_EVENT_LOOP_DELAY_MS = 100;

export function readSheddingConfig(env = new EnvReader()) {
  return {
    /** Mean event-loop delay over the last quarter second: the process has more to do than it gets through. */
    maxEventLoopDelayMs: env.int('SHED_EVENT_LOOP_DELAY_MS', DEFAULT_EVENT_LOOP_DELAY_MS, 0, 60_000),
    /** Heap in use: nearly out of memory. Default 90 % of the V8 heap limit of this process. */
    maxHeapUsedMb: env.int('SHED_HEAP_USED_MB', Math.floor((getHeapStatistics().heap_size_limit / 2 ** 20) * 0.9), 0, 1_000_000),
    /**
     * MySQL/MariaDB: how long the longest-waiting call has waited for a pooled connection. With quick queries the
     * pool's queue limit (DB_POOL_QUEUE_LIMIT, also answered SERVER_BUSY) is reached first; this catches slow ones.
     */
    maxDbWaitMs: env.int('SHED_DB_WAIT_MS', 500, 0, 60_000),
    /**
     * The longest a call waits for its turn (common/admission.ts); the calls in progress are kept to what the process
     * answers in as long again, so a call let in is answered within about twice this, however busy.
     */
    maxCallWaitMs: env.int('SHED_CALL_WAIT_MS', 750, 0, 60_000),
  };
}

export const sheddingConfig = registerAs('shedding', () => readSheddingConfig());
export type SheddingConfig = ReturnType<typeof readSheddingConfig>;
