import Taro from '@tarojs/taro';
import { TICKET_PHOTOS_MAX } from '@wuye/contracts';
import { request } from './http';

/** GET /api/v1/client-config: subscribe-message templates (null when not configured) and upload limits. */
export interface ClientConfig {
  subscribeTemplates: { accepted: string | null; resolved: string | null; closed: string | null; notice?: string | null };
  maxPhotos: number;
  maxUploadBytes: number;
}

export const DEFAULT_CLIENT_CONFIG: ClientConfig = {
  subscribeTemplates: { accepted: null, resolved: null, closed: null, notice: null },
  maxPhotos: TICKET_PHOTOS_MAX,
  maxUploadBytes: 10 * 1024 * 1024,
};

let cached: Promise<ClientConfig> | null = null;

/** Loaded once per launch; offline the defaults serve (a report can still be written and queued). */
export function getClientConfig(): Promise<ClientConfig> {
  cached ??= request<ClientConfig>({ url: '/api/v1/client-config', auth: false }).catch(() => {
    cached = null;
    return DEFAULT_CLIENT_CONFIG;
  });
  return cached;
}

/** For tests: forget the loaded config. */
export function resetClientConfig(): void {
  cached = null;
}

type TemplateKey = keyof ClientConfig['subscribeTemplates'];
const TICKET_TEMPLATES: TemplateKey[] = ['accepted', 'resolved', 'closed'];

/** The configured ids of these templates (at most 5 in one request, PRODUCT.md): a ticket's three by default. */
export function subscribeTemplateIds(config: ClientConfig, keys: TemplateKey[] = TICKET_TEMPLATES): string[] {
  return keys.map((key) => config.subscribeTemplates[key]).filter((id): id is string => typeof id === 'string' && id !== '');
}

/**
 * 订阅消息: asks WeChat to let us tell the resident when the ticket is accepted, resolved, closed (or, with
 * ['notice'], of the estate's next announcement or 公示). Must be called
 * straight from a tap. A refusal, or a platform without it (H5), never stops the report: the answer is ignored.
 */
export function askSubscriptions(config: ClientConfig, keys: TemplateKey[] = TICKET_TEMPLATES): void {
  const tmplIds = subscribeTemplateIds(config, keys);
  if (tmplIds.length === 0 || process.env.TARO_ENV !== 'weapp' || typeof Taro.requestSubscribeMessage !== 'function') return;
  try {
    void Promise.resolve(Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0])).catch(() => undefined);
  } catch {
    // Older WeChat versions throw synchronously: the report goes on without subscription.
  }
}
