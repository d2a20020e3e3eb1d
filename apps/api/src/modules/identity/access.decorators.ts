import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Policy } from './policies';
import type { Principal } from './principal';

export const ACCESS_RULE = 'wuye:access-rule';

/** Every route declares one of these; a route without one is refused (and fails the route-policy test). */
export type AccessRule = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'policy'; policies: readonly Policy[] };

/** Anyone, signed in or not. Only for data with nothing personal in it. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user; the service still filters what they see. */
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed_in' } satisfies AccessRule);

/**
 * Callers holding a role of this policy (policies.ts), or of one of the others named (a route two kinds of people
 * share, each for their own cases); the service filters by the policy's scope.
 */
export const Allow = (policy: Policy, ...more: Policy[]) => SetMetadata(ACCESS_RULE, { kind: 'policy', policies: [policy, ...more] } satisfies AccessRule);

export type AuthedRequest = FastifyRequest & { principal?: Principal };

/** The signed-in caller (set by AccessGuard). */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('Caller used on a route without a signed-in rule');
  return principal;
});
