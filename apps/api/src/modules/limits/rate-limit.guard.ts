import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { limitsConfig, type LimitsConfig } from '../../config';
import { DomainError } from '../../common/errors';
import type { AuthedRequest } from '../identity/access.decorators';
import { RATE_LIMITER } from './limits.module';
import type { RateLimiter } from './rate-limiter';

const RATE_LIMIT = 'wuye:rate-limit';
/** Sign-in routes: counted per client IP, before anyone is known. */
export const SignInRateLimit = () => SetMetadata(RATE_LIMIT, 'signin');

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Runs after the access guard: sign-in routes are limited per IP, every other write per signed-in user
 * (per IP when anonymous). Reads are not limited here.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(limitsConfig.KEY) private readonly config: LimitsConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const kind = this.reflector.getAllAndOverride<'signin' | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    let key: string;
    let limit: number;
    if (kind === 'signin') {
      key = `signin:${request.ip}`;
      limit = this.config.signInPerMinute;
    } else if (WRITE_METHODS.has(request.method)) {
      key = request.principal ? `write:u${request.principal.userId}` : `write:ip:${request.ip}`;
      limit = this.config.writesPerMinute;
    } else {
      return true;
    }
    const decision = await this.limiter.hit(key, limit, 60_000);
    if (!decision.allowed) {
      throw new DomainError(429, 'RATE_LIMITED', '操作太频繁，请稍后再试', { retryAfter: decision.retryAfter }, { 'Retry-After': String(decision.retryAfter) });
    }
    return true;
  }
}
