import type { MeView } from '@wuye/contracts';
import { request } from './http';

/** 我的: the user, masked phone, roles with scopes, houses (owners with their household). */
export function getMe(): Promise<MeView> {
  return request<MeView>({ url: '/api/v1/me' });
}

/** 绑定手机号: the code of a getPhoneNumber button (WeChat bills each one: call once). */
export function bindPhone(code: string): Promise<MeView> {
  return request<MeView>({ url: '/api/v1/me/phone', method: 'POST', data: { code } });
}

/** The name reviewers and staff see (WeChat accounts start as “微信用户”). */
export function renameMe(displayName: string): Promise<MeView> {
  return request<MeView>({ url: '/api/v1/me', method: 'PATCH', data: { displayName } });
}
