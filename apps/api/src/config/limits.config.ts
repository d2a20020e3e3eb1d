import { registerAs } from '@nestjs/config';
import { EnvReader } from './env';

/** Rate limits, and where their counters live (this process, or Redis shared by all replicas). */
export function readLimitsConfig(env = new EnvReader()) {
  const redisUrl = env.url('REDIS_URL', ['redis:', 'rediss:']);
  return {
    redisUrl: redisUrl ? redisUrl.toString() : null,
    /** Sign-in attempts (WeChat, development, refresh) per client IP per minute. */
    signInPerMinute: env.int('RATE_LIMIT_SIGNIN_PER_MINUTE', 30, 1, 100000),
    /** Writes (POST, PUT, PATCH, DELETE) per signed-in user per minute. */
    writesPerMinute: env.int('RATE_LIMIT_WRITES_PER_MINUTE', 120, 1, 100000),
  };
}

export const limitsConfig = registerAs('limits', () => readLimitsConfig());
export type LimitsConfig = ReturnType<typeof readLimitsConfig>;
