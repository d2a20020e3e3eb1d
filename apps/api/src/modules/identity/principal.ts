import type { Role } from '@wuye/contracts';
import { ESTATE_SIDES, POLICIES, type EstateSide, type Policy } from './policies';

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
    /** The request this caller is making (its X-Request-Id): the audit log traces each entry to it. */
    readonly requestId: string | null = null,
  ) {}

  /** communityIds per policy, worked out once per request. */
  private readonly reach = new Map<Policy, 'all' | number[]>();

  hasRole(...roles: readonly Role[]): boolean {
    return this.grants.some((g) => roles.includes(g.role));
  }

  may(policy: Policy): boolean {
    return this.hasRole(...POLICIES[policy]);
  }

  /** The communities in which the caller may act under this policy (do not change the list returned). */
  communityIds(policy: Policy): 'all' | number[] {
    const known = this.reach.get(policy);
    if (known) return known;
    const roles: readonly Role[] = POLICIES[policy];
    const ids = new Set<number>();
    let reach: 'all' | number[] | undefined;
    for (const grant of this.grants) {
      if (!roles.includes(grant.role)) continue;
      if (grant.communities === 'all') {
        reach = 'all';
        break;
      }
      grant.communities.forEach((id) => ids.add(id));
    }
    reach ??= [...ids];
    this.reach.set(policy, reach);
    return reach;
  }

  /**
   * Whether the caller may act under this policy in the community. Asked for every row of a list (the viewer's level,
   * the steps offered), so it allocates nothing: the grants are read in place.
   */
  mayInCommunity(policy: Policy, communityId: number): boolean {
    const roles: readonly Role[] = POLICIES[policy];
    for (const grant of this.grants) {
      if (roles.includes(grant.role) && (grant.communities === 'all' || grant.communities.includes(communityId))) return true;
    }
    return false;
  }

  /**
   * Whether the caller holds one of these roles in the estate now: a grant that reaches it (a platform admin's reach
   * of everything does not count; a manager whose company no longer serves the estate holds nothing there).
   */
  holdsIn(roles: readonly Role[], communityId: number): boolean {
    return this.grants.some((g) => roles.includes(g.role) && g.communities !== 'all' && g.communities.includes(communityId));
  }

  /** Whether the caller lives in the estate (an approved house binding there). */
  residesIn(communityId: number): boolean {
    return this.holdsIn(['resident'], communityId);
  }

  /** The sides of the estate (ESTATE_SIDES) the caller stands on, in that order; with `policy`, only through its roles. */
  sidesIn(communityId: number, policy?: Policy): EstateSide[] {
    const allowed: readonly Role[] | undefined = policy && POLICIES[policy];
    const sides = Object.keys(ESTATE_SIDES) as EstateSide[];
    return sides.filter((side) => this.holdsIn((ESTATE_SIDES[side] as readonly Role[]).filter((r) => !allowed || allowed.includes(r)), communityId));
  }

  /**
   * Whether the caller acts under `policy` in the estate for this company: a manager of the company a record is
   * addressed to, not the manager another company keeps there.
   */
  mayForCompany(policy: Policy, communityId: number, companyId: number): boolean {
    const roles: readonly Role[] = POLICIES[policy];
    return this.grants.some((g) => roles.includes(g.role) && g.companyId === companyId && g.communities !== 'all' && g.communities.includes(communityId));
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
