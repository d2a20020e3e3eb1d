import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { wechatConfig, type WechatConfig } from '../../config';
import { DomainError } from '../../common/errors';
import { User } from '../identity/user.entity';
import { UploadsService } from '../uploads/uploads.service';
import type { Upload } from '../uploads/upload.entity';
import { WechatClient } from '../wechat/wechat.client';

export type Verdict = 'pass' | 'review';
/** msg_sec_check scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type TextScene = 1 | 2 | 3 | 4;

/**
 * WeChat's content security, required for user-generated content: texts go through msg_sec_check (v2) before
 * they are accepted; photos shown on the community board go to media_check_async and a later event may hide
 * them. Only when a WeChat secret is configured, and only for users who came through WeChat (they have an openid).
 */
@Injectable()
export class ContentSecurityService {
  private readonly logger = new Logger('ContentSecurity');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(wechatConfig.KEY) private readonly config: WechatConfig,
    private readonly wechat: WechatClient,
    private readonly uploads: UploadsService,
  ) {}

  /** 'pass', 'review' (accept but hold for a person), or throws 422 CONTENT_RISKY. Unreachable WeChat: accepted as 'review'. */
  async checkText(userId: number | null, content: string, scene: TextScene): Promise<Verdict> {
    if (!this.wechat.configured || !content.trim()) return 'pass';
    const openid = userId === null ? null : (await this.db.getRepository(User).findOneBy({ id: userId }))?.openid;
    if (!openid) return 'pass';
    let answer: { result?: { suggest?: string; label?: number } };
    try {
      answer = (await this.wechat.callWithToken('msg_sec_check', '/wxa/msg_sec_check', { content, version: 2, scene, openid })) as typeof answer;
    } catch (error) {
      // Never lose a report because the checker is down: keep it, and let a person look.
      this.logger.warn({ userId, err: (error as Error).message }, 'msg_sec_check unavailable; holding for review');
      return 'review';
    }
    const suggest = answer.result?.suggest;
    if (suggest === 'risky') {
      throw new DomainError(422, 'CONTENT_RISKY', '内容含有不适宜公开的信息，请修改后再提交', { label: answer.result?.label ?? null });
    }
    return suggest === 'review' ? 'review' : 'pass';
  }

  /** Asks WeChat to check photos that will be shown on the community board; the verdict arrives as an event. */
  async submitPhotos(userId: number | null, photos: Upload[]): Promise<void> {
    if (!this.wechat.configured || !photos.length) return;
    const openid = userId === null ? null : (await this.db.getRepository(User).findOneBy({ id: userId }))?.openid;
    if (!openid) return;
    for (const photo of photos) {
      try {
        const answer = await this.wechat.callWithToken('media_check_async', '/wxa/media_check_async', {
          media_url: await this.uploads.fileUrl(photo.storageKey, true),
          media_type: 2,
          version: 2,
          scene: 3,
          openid,
        });
        if (typeof answer.trace_id === 'string') await this.uploads.markPending(photo.id, answer.trace_id);
      } catch (error) {
        this.logger.warn({ userId, err: (error as Error).message, upload: photo.id }, 'media_check_async failed');
      }
    }
  }

  /** WeChat's message push: signature = sha1 of the sorted token, timestamp and nonce. */
  verifySignature(signature: string, timestamp: string, nonce: string): boolean {
    if (!this.config.messageToken || !signature) return false;
    const expected = createHash('sha1').update([this.config.messageToken, timestamp, nonce].sort().join('')).digest('hex');
    return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  }

  /** A wxa_media_check event: a risky photo is hidden wherever it shows. */
  async onMediaCheck(event: { trace_id?: string; result?: { suggest?: string } }): Promise<void> {
    if (!event.trace_id) return;
    const verdict = event.result?.suggest === 'risky' ? 'risky' : 'pass';
    const changed = await this.uploads.setModeration(event.trace_id, verdict);
    this.logger.log({ traceId: event.trace_id, verdict, changed }, 'media check verdict');
  }
}
