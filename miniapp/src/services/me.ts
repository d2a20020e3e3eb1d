import type { MeView } from '@wuye/contracts';
import { malformedAnswer, request, type RequestOptions } from './http';

/** Every page reads the user's roles and houses: an answer without them is an error, not a user. */
async function requestMe(options: RequestOptions): Promise<MeView> {
  const me = await request<MeView>(options);
  if (!Array.isArray(me?.roles) || !Array.isArray(me.houses)) throw malformedAnswer();
  return me;
}

/** 我的: the user, masked phone, roles with scopes, houses (owners with their household). */
export function getMe(): Promise<MeView> {
  return requestMe({ url: '/api/v1/me' });
}

/** 绑定手机号: the code of a getPhoneNumber button (WeChat bills each one: call once). */
export function bindPhone(code: string): Promise<MeView> {
  return requestMe({ url: '/api/v1/me/phone', method: 'POST', data: { code } });
}

/** The name reviewers and staff see (WeChat accounts start as “微信用户”). */
export function renameMe(displayName: string): Promise<MeView> {
  return requestMe({ url: '/api/v1/me', method: 'PATCH', data: { displayName } });
}
