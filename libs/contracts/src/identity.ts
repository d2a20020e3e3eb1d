import type { Role, RoleScope } from './roles';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** A seeded demo account the development sign-in can act as. */
export interface DevAccount {
  key: string;
  displayName: string;
  /** Role labels, e.g. ["项目经理"]. */
  roles: string[];
}

export const BINDING_RELATIONS = ['owner', 'family', 'tenant'] as const;
export type BindingRelation = (typeof BINDING_RELATIONS)[number];
export const BINDING_RELATION_LABELS: Record<BindingRelation, string> = { owner: '业主', family: '家属', tenant: '租户' };

export const BINDING_STATES = ['pending', 'approved', 'rejected', 'removed'] as const;
export type BindingState = (typeof BINDING_STATES)[number];
export const BINDING_STATE_LABELS: Record<BindingState, string> = {
  pending: '待审核',
  approved: '已绑定',
  rejected: '未通过',
  removed: '已解除',
};

export interface BindingView {
  id: number;
  houseId: number;
  /** "3栋1单元1201" */
  houseLabel: string;
  communityId: number;
  communityName: string;
  relation: BindingRelation;
  state: BindingState;
  /** Why it was rejected or removed. */
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Only for reviewers and the house's owners: who asked, and what they wrote. */
  applicant?: { id: number; displayName: string };
  applicantNote?: string | null;
  /** Reviewers: an owner request for a house that already has an approved owner; the community office decides it. */
  contested?: boolean;
  /** Reviewers: what the caller may decide now (the app's buttons). */
  can?: Record<BindingDecision, boolean>;
  /** Reviewers: why a decision is held back from the caller (their own request; one for the community office). */
  blocked?: Partial<Record<BindingDecision, string>>;
}

export type BindingDecision = 'approve' | 'reject';

/** A house the user is tied to; owners also see the other members of the household. */
export interface MyHouse extends BindingView {
  household?: BindingView[];
}

export interface MeView {
  id: number;
  displayName: string;
  /** Masked, e.g. "138****1234"; null when not provided. */
  phone: string | null;
  roles: RoleScope[];
  houses: MyHouse[];
  /** True when the server can sign in through WeChat (the phone-number button makes sense). */
  wechat: boolean;
}

export interface CreateBindingInput {
  houseId: number;
  relation: BindingRelation;
  /** e.g. the name on the property certificate; seen by reviewers only. */
  note?: string;
}

export interface RejectBindingInput {
  reason: string;
}

export interface RemoveBindingInput {
  reason?: string;
}

/** Roles that are handed out by invitation code (residents come in through house bindings). */
export type GrantableRole = Exclude<Role, 'resident'>;

export interface CreateInvitationInput {
  role: GrantableRole;
  communityId?: number;
  companyId?: number;
  areaId?: number;
  /** Job title for staff: 维修工, 保洁, 秩序… */
  title?: string;
}

export interface InvitationView {
  id: number;
  /** Eight characters the invitee types in (or scans); shown once to whoever issued it. */
  code: string;
  role: GrantableRole;
  scopeName: string;
  communityId: number | null;
  companyId: number | null;
  areaId: number | null;
  title: string | null;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
}

/** What an invitation code offers the caller, checked before they accept it. */
export interface InvitationPreview {
  role: GrantableRole;
  scopeName: string;
  title: string | null;
  expiresAt: string;
  can: { accept: boolean };
  /** Why the caller cannot accept it: used, expired, the company left the estate, or 职责分离. */
  blocked: { accept?: string };
}

export interface RoleAssignmentView {
  id: number;
  user: { id: number; displayName: string; phone: string | null };
  role: GrantableRole;
  communityId: number | null;
  companyId: number | null;
  areaId: number | null;
  scopeName: string;
  title: string | null;
  createdAt: string;
  /** false when a staff/manager grant is dormant because the company no longer serves that community. */
  effective: boolean;
  /** In lists for admins: whether the caller may revoke it. */
  can?: { revoke: boolean };
}

/**
 * 职责分离: a person holding a property-side role (staff, manager, admin of the serving company) and a committee
 * role in the same estate. New pairs are refused; these are the ones that exist (older grants, a new contract).
 */
export interface DutyConflictView {
  user: { id: number; displayName: string; phone: string | null };
  communityId: number;
  communityName: string;
  property: RoleAssignmentView[];
  committee: RoleAssignmentView[];
}

export interface AssignRoleInput {
  userId: number;
  role: 'staff' | 'manager';
  communityId: number;
  title?: string;
}

export interface AuditEntryView {
  id: number;
  actor: { id: number; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: number | null;
  communityId: number | null;
  companyId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  createdAt: string;
}

/** A house as the binding form lists it: no personal data. */
export interface DirectoryHouse {
  id: number;
  label: string;
  unit: string | null;
  floor: number;
  number: string;
}

export interface DirectoryBuilding {
  id: number;
  name: string;
}
