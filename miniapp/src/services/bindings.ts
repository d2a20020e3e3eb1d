import type { BindingView, CreateBindingInput, Page } from '@wuye/contracts';
import { request } from './http';

/** 申请绑定房屋. 409 BINDING_EXISTS / TOO_MANY_PENDING carry a message to show as it is. */
export function requestBinding(input: CreateBindingInput): Promise<BindingView> {
  return request<BindingView>({ url: '/api/v1/bindings', method: 'POST', data: input });
}

/** The review queue of one estate, oldest first. */
export function listPendingBindings(communityId: number, cursor?: string): Promise<Page<BindingView>> {
  return request<Page<BindingView>>({
    url: `/api/v1/communities/${communityId}/bindings`,
    query: { state: 'pending', cursor },
  });
}

/** 409 BINDING_ALREADY_DECIDED when another reviewer was first. */
export function approveBinding(id: number): Promise<BindingView> {
  return request<BindingView>({ url: `/api/v1/bindings/${id}/approve`, method: 'POST' });
}

export function rejectBinding(id: number, reason: string): Promise<BindingView> {
  return request<BindingView>({ url: `/api/v1/bindings/${id}/reject`, method: 'POST', data: { reason } });
}

/** A resident leaves a house, or an owner removes a family member or tenant of theirs. */
export function removeBinding(id: number, reason?: string): Promise<BindingView> {
  return request<BindingView>({ url: `/api/v1/bindings/${id}/remove`, method: 'POST', data: reason ? { reason } : {} });
}
