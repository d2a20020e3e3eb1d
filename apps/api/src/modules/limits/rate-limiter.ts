import type Redis from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

/** Fixed-window counters: at most `limit` hits per key per window. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
}

/** Counters in this process: right for one process; with several, use Redis. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = 0;

  async hit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<RateDecision> {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { allowed: window.count <= limit, retryAfter: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  /** Drops finished windows now and then, so the map does not grow with every client ever seen. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** Counters in Redis, shared by every API replica: INCR, and the window's expiry set on its first hit. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const redisKey = `wuye:rl:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(redisKey).pttl(redisKey).exec()) as [[null, number], [null, number]];
    let remaining = ttl;
    if (ttl < 0) {
      await this.redis.pexpire(redisKey, windowMs);
      remaining = windowMs;
    }
    return { allowed: count <= limit, retryAfter: Math.max(1, Math.ceil(remaining / 1000)) };
  }
}
