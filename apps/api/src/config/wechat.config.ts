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
    /** Subscribe-message templates (mp.weixin.qq.com → 订阅消息) with fields thing1, phrase2, time3, thing4. */
    templates: {
      accepted: env.optional('WECHAT_TEMPLATE_TICKET_ACCEPTED') ?? null,
      resolved: env.optional('WECHAT_TEMPLATE_TICKET_RESOLVED') ?? null,
      closed: env.optional('WECHAT_TEMPLATE_TICKET_CLOSED') ?? null,
      /** 小区公告 and new 公示: one notice template for what the estate tells its residents. */
      notice: env.optional('WECHAT_TEMPLATE_ESTATE_NOTICE') ?? null,
    },
    /** Which version of the mini-program a subscribe message opens: formal, trial or developer. */
    miniprogramState: env.oneOf('WECHAT_MINIPROGRAM_STATE', ['formal', 'trial', 'developer'] as const, 'formal'),
    /** The token set for message push (消息推送) in the mini-program console: verifies WeChat's event calls. */
    messageToken: env.optional('WECHAT_MESSAGE_TOKEN') ?? null,
  };
}

export const wechatConfig = registerAs('wechat', () => readWechatConfig());
export type WechatConfig = ReturnType<typeof readWechatConfig>;
