import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { notificationPage, type NotificationView, type Page } from '@wuye/contracts';
import { wechatConfig, type WechatConfig } from '../../config';
import { DomainError, notFound } from '../../common/errors';
import { scrubPersonal, scrubStrings } from '../../common/privacy';
import { keysetPage, PageQuery } from '../../common/pagination';
import { User } from '../identity/user.entity';
import { WechatClient } from '../wechat/wechat.client';
import { Notification } from './notification.entity';

export type TemplateKind = keyof WechatConfig['templates'];

export interface NotificationDraft {
  kind: string;
  title: string;
  body: string;
  ticketId?: number | null;
  disclosureId?: number | null;
  announcementId?: number | null;
  voteId?: number | null;
  rectificationId?: number | null;
  /** Also send a WeChat subscribe message with this template (if configured and the user came through WeChat). */
  template?: TemplateKind;
  /** thing1: 事项 (≤20), phrase2: 状态 (≤5), time3: 时间, thing4: 提示 (≤20). */
  fields?: { thing1: string; phrase2: string; time3: string; thing4: string };
}

const MAX_ATTEMPTS = 3;
/** WeChat errcodes that will not change by trying again: the user did not subscribe, a bad template, a bad openid. */
const REFUSED = new Set([43101, 40003, 40037, 41030, 47003]);

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * In-app notifications, each optionally delivered as a WeChat subscribe message. Rows are written in the
 * caller's transaction; delivery happens afterwards and its outcome (sent, refused 43101, failed) is recorded on
 * the row. A refusal never breaks what caused the notification.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');
  private delivering: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(wechatConfig.KEY) private readonly config: WechatConfig,
    private readonly wechat: WechatClient,
  ) {}

  /**
   * A notification quotes what someone typed (a description, a question, an answer) to someone else, and its WeChat
   * message passes through WeChat's servers: its text goes through the one masking step. The full text stays in
   * the ticket or disclosure, for whoever may read it there.
   */
  async notify(userIds: number[], draft: NotificationDraft, m: EntityManager = this.db.manager): Promise<void> {
    const unique = [...new Set(userIds)];
    if (!unique.length) return;
    const templateId = draft.template ? this.config.templates[draft.template] : null;
    const withOpenid = templateId && this.wechat.configured ? new Set((await m.getRepository(User).findBy({ id: In(unique) })).filter((u) => u.openid).map((u) => u.id)) : new Set<number>();
    await m.getRepository(Notification).insert(
      unique.map((userId) => ({
        userId,
        kind: draft.kind,
        title: cut(scrubPersonal(draft.title), 64),
        body: cut(scrubPersonal(draft.body), 255),
        ticketId: draft.ticketId ?? null,
        disclosureId: draft.disclosureId ?? null,
        announcementId: draft.announcementId ?? null,
        voteId: draft.voteId ?? null,
        rectificationId: draft.rectificationId ?? null,
        readAt: null,
        wechatStatus: withOpenid.has(userId) ? ('pending' as const) : ('none' as const),
        wechatTemplateId: withOpenid.has(userId) ? templateId : null,
        wechatData: draft.fields ? scrubStrings(draft.fields) : null,
        wechatErrcode: null,
        wechatErrmsg: null,
        wechatAttempts: 0,
      })),
    );
  }

  /** Starts delivering pending WeChat messages in the background (after the caller's transaction committed). */
  kick(): void {
    if (!this.wechat.configured) return;
    void this.deliverPending().catch((error) => this.logger.warn({ err: (error as Error).message }, 'delivery round failed'));
  }

  /** Sends what is pending; one round at a time per process. Returns when this round is done. */
  async deliverPending(limit = 100): Promise<void> {
    if (this.delivering) return this.delivering;
    this.delivering = (async () => {
      const pending = await this.db.getRepository(Notification).find({ where: { wechatStatus: 'pending' }, order: { id: 'ASC' }, take: limit });
      const users = pending.length ? await this.db.getRepository(User).findBy({ id: In([...new Set(pending.map((n) => n.userId))]) }) : [];
      for (const n of pending) await this.deliver(n, users.find((u) => u.id === n.userId)?.openid ?? null);
    })().finally(() => {
      this.delivering = null;
    });
    return this.delivering;
  }

  private async deliver(n: Notification, openid: string | null): Promise<void> {
    // Claim it: another process delivering at the same moment skips it.
    const claimed = await this.db.getRepository(Notification).update({ id: n.id, wechatStatus: 'pending', wechatAttempts: n.wechatAttempts }, { wechatAttempts: n.wechatAttempts + 1 });
    if (!claimed.affected) return;
    if (!openid || !n.wechatTemplateId) {
      await this.db.getRepository(Notification).update(n.id, { wechatStatus: 'failed', wechatErrmsg: 'no openid' });
      return;
    }
    const fields = n.wechatData ?? {};
    const limits: Record<string, number> = { thing1: 20, phrase2: 5, time3: 32, thing4: 20 };
    const data = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: cut(v, limits[k] ?? 20) }]));
    try {
      await this.wechat.callWithToken('subscribe_send', '/cgi-bin/message/subscribe/send', {
        touser: openid,
        template_id: n.wechatTemplateId,
        page: notificationPage(n),
        data,
        miniprogram_state: this.config.miniprogramState,
        lang: 'zh_CN',
      });
      await this.db.getRepository(Notification).update(n.id, { wechatStatus: 'sent', wechatErrcode: 0, wechatErrmsg: null });
    } catch (error) {
      const details = error instanceof DomainError ? (error.details as { errcode?: number; errmsg?: string; reason?: string } | undefined) : undefined;
      const errcode = details?.errcode ?? null;
      const refused = errcode !== null && REFUSED.has(errcode);
      const giveUp = refused || n.wechatAttempts + 1 >= MAX_ATTEMPTS;
      await this.db.getRepository(Notification).update(n.id, {
        wechatStatus: refused ? 'refused' : giveUp ? 'failed' : 'pending',
        wechatErrcode: errcode,
        wechatErrmsg: (details?.errmsg ?? details?.reason ?? (error as Error).message).slice(0, 255),
      });
    }
  }

  async list(userId: number, query: PageQuery): Promise<Page<NotificationView>> {
    const qb = this.db.getRepository(Notification).createQueryBuilder('n').where('n.userId = :userId', { userId });
    return keysetPage(qb, {
      columns: [{ expr: 'n.id', dir: 'DESC' }],
      cursor: query.cursor,
      limit: query.limit,
      keyOf: (n) => [n.id],
      view: (n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, ticketId: n.ticketId, disclosureId: n.disclosureId, page: notificationPage(n), read: n.readAt !== null, createdAt: n.createdAt.toISOString() }),
    });
  }

  async unreadCount(userId: number): Promise<{ unread: number }> {
    return { unread: await this.db.getRepository(Notification).countBy({ userId, readAt: IsNull() }) };
  }

  async markRead(userId: number, id: number): Promise<void> {
    const n = await this.db.getRepository(Notification).findOneBy({ id, userId });
    if (!n) throw notFound('notification');
    if (!n.readAt) await this.db.getRepository(Notification).update(id, { readAt: new Date() });
  }

  async markAllRead(userId: number): Promise<{ updated: number }> {
    const result = await this.db.getRepository(Notification).update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return { updated: result.affected ?? 0 };
  }
}
