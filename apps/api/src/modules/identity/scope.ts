import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Policy } from './policies';
import type { Principal } from './principal';

/**
 * Restricts a query to the communities the caller reaches under a policy. Every list of community-owned data
 * goes through here; an id in the request never widens it.
 */
export function withinCommunities<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  communityColumn: string,
  principal: Principal,
  policy: Policy,
): SelectQueryBuilder<T> {
  const ids = principal.communityIds(policy);
  if (ids === 'all') return qb;
  if (ids.length === 0) return qb.andWhere('1 = 0');
  return qb.andWhere(`${communityColumn} IN (:...scopeCommunityIds)`, { scopeCommunityIds: ids });
}
