/** Who a user is, in which scope (PRODUCT.md, Organisation and tenancy). */
export const ROLES = [
  'resident',
  'staff',
  'manager',
  'company_admin',
  'committee',
  'committee_chair',
  'community_office',
  'regulator',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  staff: '物业员工',
  manager: '项目经理',
  company_admin: '物业企业管理员',
  committee: '业委会委员',
  committee_chair: '业委会主任',
  community_office: '社区（村）',
  regulator: '主管部门',
  platform_admin: '平台管理员',
};

/** Which scope each role is granted in. */
export const ROLE_SCOPE: Record<Role, 'community' | 'company' | 'area' | 'platform'> = {
  resident: 'community',
  staff: 'community',
  manager: 'community',
  company_admin: 'company',
  committee: 'community',
  committee_chair: 'community',
  community_office: 'area',
  regulator: 'area',
  platform_admin: 'platform',
};

export interface RoleScope {
  role: Role;
  communityId?: number;
  companyId?: number;
  areaId?: number;
  /** Human-readable scope, e.g. "锦绣花园" or "城关镇". */
  scopeName?: string;
  /** Job title for staff (维修工, 保洁…). */
  title?: string;
}
