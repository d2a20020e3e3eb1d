import type { CommunityView, CreateInvitationInput, InvitationView, Page, RoleAssignmentView } from '@wuye/contracts';
import { request } from './http';

/** 输入邀请码: 404 INVITATION_INVALID, 409 INVITATION_USED / INVITATION_STALE, 410 INVITATION_EXPIRED. */
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
