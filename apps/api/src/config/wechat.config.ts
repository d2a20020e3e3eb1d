import { registerAs } from '@nestjs/config';
import { ConfigError, EnvReader } from './env';

/** WeChat mini-program credentials. The API base is configurable so tests run the real client against a fake. */
export function readWechatConfig(env = new EnvReader()) {
  const appId = env.optional('WECHAT_APPID');
  const secret = env.optional('WECHAT_SECRET');
  if (secret && !appId) throw new ConfigError('WECHAT_APPID', 'is required when WECHAT_SECRET is set');
  const apiBase = env.url('WECHAT_API_BASE', ['https:', 'http:']) ?? new URL('https://api.weixin.qq.com');
  return {
    appId: appId ?? null,
    secret: secret ?? null,
    apiBase: apiBase.toString().replace(/\/$/, ''),
    timeoutMs: env.int('WECHAT_TIMEOUT_MS', 5000, 100, 60000),
  };
}

export const wechatConfig = registerAs('wechat', () => readWechatConfig());
export type WechatConfig = ReturnType<typeof readWechatConfig>;
