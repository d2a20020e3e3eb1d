import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { limitsConfig, type LimitsConfig } from '../../config';
import { MemoryRateLimiter, RedisRateLimiter } from './rate-limiter';

export const REDIS = Symbol('REDIS');
export const RATE_LIMITER = Symbol('RATE_LIMITER');

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

/** Redis when REDIS_URL is set (shared by replicas), else this process's memory. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [limitsConfig.KEY],
      useFactory: (config: LimitsConfig) =>
        config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }) : null,
    },
    {
      provide: RATE_LIMITER,
      inject: [REDIS],
      useFactory: (redis: Redis | null) => (redis ? new RedisRateLimiter(redis) : new MemoryRateLimiter()),
    },
    RedisCloser,
  ],
  exports: [REDIS, RATE_LIMITER],
})
export class LimitsModule {}
