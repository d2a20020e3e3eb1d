import type { Role } from '@wuye/contracts';
import { POLICIES, Policy } from './policies';

/** One role the user holds, with the communities it reaches right now. */
export interface Grant {
  role: Role;
  communityId?: number;
  companyId?: number;
  areaId?: number;
  title?: string | null;
  /** Communities this grant reaches; 'all' for platform admins. */
  communities: 'all' | number[];
}

/** The signed-in caller: who they are and what their grants reach, loaded once per request. */
export class Principal {
  constructor(
    readonly userId: number,
    readonly grants: Grant[],
    /** The refresh-token family this request's access token belongs to. */
    readonly sessionId: string,
  ) {}

  hasRole(...roles: readonly Role[]): boolean {
    return this.grants.some((g) => roles.includes(g.role));
  }

  may(policy: Policy): boolean {
    return this.hasRole(...POLICIES[policy]);
  }

  /** The communities in which the caller may act under this policy. */
  communityIds(policy: Policy): 'all' | number[] {
    const roles: readonly Role[] = POLICIES[policy];
    const ids = new Set<number>();
    for (const grant of this.grants) {
      if (!roles.includes(grant.role)) continue;
      if (grant.communities === 'all') return 'all';
      grant.communities.forEach((id) => ids.add(id));
    }
    return [...ids];
  }

  mayInCommunity(policy: Policy, communityId: number): boolean {
    const ids = this.communityIds(policy);
    return ids === 'all' || ids.includes(communityId);
  }

  /** The areas (county, town, office) of the caller's area grants under this policy, or 'all' for platform admins. */
  areaIds(policy: Policy): 'all' | number[] {
    const roles: readonly Role[] = POLICIES[policy];
    const ids = new Set<number>();
    for (const grant of this.grants) {
      if (!roles.includes(grant.role)) continue;
      if (grant.communities === 'all') return 'all';
      if (grant.areaId) ids.add(grant.areaId);
    }
    return [...ids];
  }

  /** Companies the caller administers (company_admin), or 'all' for platform admins. */
  companyIds(): 'all' | number[] {
    if (this.hasRole('platform_admin')) return 'all';
    return this.grants.filter((g) => g.role === 'company_admin' && g.companyId).map((g) => g.companyId as number);
  }
}
