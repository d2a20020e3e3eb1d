import type { CommunityView, CreateInvitationInput, DutyConflictView, InvitationPreview, InvitationView, Page, RoleAssignmentView } from '@wuye/contracts';
import { request } from './http';

/** What a code offers, and whether the caller may accept it (why not: used, expired, 职责分离). 404 INVITATION_INVALID. */
export function checkInvitation(code: string): Promise<InvitationPreview> {
  return request<InvitationPreview>({ url: '/api/v1/invitations/check', method: 'POST', data: { code } });
}

/** 输入邀请码: 404 INVITATION_INVALID, 409 INVITATION_USED / INVITATION_STALE / DUTIES_CONFLICT, 410 INVITATION_EXPIRED. */
export function acceptInvitation(code: string): Promise<RoleAssignmentView> {
  return request<RoleAssignmentView>({ url: '/api/v1/invitations/accept', method: 'POST', data: { code } });
}

/** 邀请员工 (company admins: staff or manager of an estate their company serves). */
export function createInvitation(input: CreateInvitationInput): Promise<InvitationView> {
  return request<InvitationView>({ url: '/api/v1/invitations', method: 'POST', data: input });
}

/** The estates within the caller's scope (for a company admin: those the company serves today). */
export function listScopedCommunities(cursor?: string): Promise<Page<CommunityView>> {
  return request<Page<CommunityView>>({ url: '/api/v1/communities', query: { cursor, limit: 100 } });
}

/** 职责分离: people on both the property side and the committee of an estate, within the caller's reach. */
export function listDutyConflicts(cursor?: string): Promise<Page<DutyConflictView>> {
  return request<Page<DutyConflictView>>({ url: '/api/v1/role-assignments/conflicts', query: { cursor } });
}

export function revokeRoleAssignment(id: number): Promise<RoleAssignmentView> {
  return request<RoleAssignmentView>({ url: `/api/v1/role-assignments/${id}/revoke`, method: 'POST' });
}
