import { DomainError } from '../../common/errors';

/** What WeChat's answers and failures mean for the person in front of the app. */
export function wechatError(errcode: number, errmsg: string | undefined, api: string): DomainError {
  const details = { api, errcode, errmsg: errmsg?.slice(0, 200) };
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code been used
      return new DomainError(401, 'WECHAT_CODE_INVALID', '微信登录凭证已失效，请重新进入小程序', details);
    case 45011: // API minute-quota reached
    case 45009: // API daily limit
      return new DomainError(429, 'WECHAT_RATE_LIMITED', '操作太频繁，请稍后再试', details, { 'Retry-After': '60' });
    case -1: // system busy
      return new DomainError(503, 'WECHAT_BUSY', '微信服务繁忙，请稍后再试', details, { 'Retry-After': '3' });
    default:
      return new DomainError(502, 'WECHAT_ERROR', '微信服务暂时不可用，请稍后再试', details);
  }
}

export const wechatUnavailable = (api: string, reason: string) =>
  new DomainError(503, 'WECHAT_UNAVAILABLE', '暂时连不上微信服务，请稍后再试', { api, reason }, { 'Retry-After': '5' });

export const wechatNotConfigured = () =>
  new DomainError(503, 'WECHAT_NOT_CONFIGURED', '本服务未配置微信小程序，请使用其他方式登录');

/** errcodes that mean "this access_token is no good": fetch a new one and try once more. */
export const STALE_TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
