import type { Role } from '@wuye/contracts';

/**
 * Who may do what: one table, used by the access guard (may this role call the route at all?), by the services
 * (in which communities?), by the authorization-matrix test and by the API docs.
 * A grant counts only inside its own scope; the scope filter is applied by the services on every query.
 */
export const POLICIES = {
  /** Create and change areas, companies, communities, service contracts. */
  'org.admin': ['platform_admin'],
  /** See the communities of one's scope (management view, not the public directory). */
  'community.read': [
    'platform_admin',
    'regulator',
    'community_office',
    'company_admin',
    'manager',
    'staff',
    'committee',
    'committee_chair',
    'resident',
  ],
  /** See buildings and houses with their areas. */
  'houses.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair'],
  /** Create buildings and houses, import them in bulk. */
  'houses.manage': ['platform_admin', 'company_admin', 'manager'],
  /** See service contracts. */
  'contracts.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'committee', 'committee_chair'],
} as const satisfies Record<string, readonly Role[]>;

export type Policy = keyof typeof POLICIES;

export const rolesFor = (policy: Policy): readonly Role[] => POLICIES[policy];
