import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { shanghaiDate, shanghaiDayStart, type PhotoView, type UploadView } from '@wuye/contracts';
import { storageConfig, type StorageConfig } from '../../config';
import { DomainError, invalid } from '../../common/errors';
import { DecodeSlots, declaredPixels, processImage, sniffImage } from './images';
import { inspectPdf } from './pdf';
import { OBJECT_STORAGE } from './uploads.tokens';
import type { ObjectStorage } from './storage';
import { Upload } from './upload.entity';

const unsupported = (message: string) => new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** An upload nothing took within this long is deleted, file and row (UploadsService.deleteUnattached). */
export const UNATTACHED_TTL_MS = 24 * 3600_000;

@Injectable()
export class UploadsService {
  private readonly logger = new Logger('Uploads');
  /** Decodes and PDF parses of this process, IMAGE_DECODE_CONCURRENCY at a time. */
  readonly decodes: DecodeSlots;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(storageConfig.KEY) private readonly config: StorageConfig,
  ) {
    this.decodes = new DecodeSlots(config.decodeConcurrency);
  }

  /**
   * What this user kept today (Asia/Shanghai) against the daily limits; `adding` bytes more would pass them →
   * 429 UPLOAD_DAILY_LIMIT. Checked before a file is read (adding 0) and again before it is stored.
   */
  async checkDailyLimit(ownerId: number, adding: number): Promise<void> {
    const row = await this.db
      .getRepository(Upload)
      .createQueryBuilder('u')
      .select('COUNT(*)', 'n')
      .addSelect('SUM(u.bytes)', 'bytes')
      .where('u.ownerId = :ownerId AND u.createdAt >= :since', { ownerId, since: shanghaiDayStart(shanghaiDate()) })
      .getRawOne<{ n: number | string; bytes: number | string | null }>();
    const count = Number(row?.n ?? 0);
    const bytes = Number(row?.bytes ?? 0);
    if (count >= this.config.dailyUploadCount || (adding > 0 && bytes + adding > this.config.dailyUploadBytes) || bytes >= this.config.dailyUploadBytes) {
      throw new DomainError(429, 'UPLOAD_DAILY_LIMIT', `每天最多上传 ${this.config.dailyUploadCount} 个文件、共 ${megabytes(this.config.dailyUploadBytes)} MB，今天已达上限，请明天再试`, {
        count,
        bytes,
        limitCount: this.config.dailyUploadCount,
        limitBytes: this.config.dailyUploadBytes,
      });
    }
  }

  /**
   * A photo from the app: its real type read from the bytes, re-encoded to a metadata-free JPEG ≤ 1600 px with a
   * thumbnail. Anything else is refused and nothing is stored.
   */
  async upload(bytes: Buffer, ownerId: number): Promise<UploadView> {
    if (bytes.length > this.config.maxUploadBytes) throw new DomainError(413, 'PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
    if (isPdf(bytes)) return this.storePdf(bytes, ownerId);
    const type = sniffImage(bytes);
    if (!type) throw unsupported('只能上传照片（JPEG、PNG、WebP 或 HEIC）或 PDF 凭证');
    const pixels = await declaredPixels(bytes);
    if (pixels !== null && pixels > this.config.maxImagePixels) {
      throw new DomainError(422, 'IMAGE_TOO_LARGE', `照片像素太高（${Math.round(pixels / 1e6)} 百万像素，最多 ${this.config.maxImagePixels / 1e6}），请缩小后再上传`, { pixels, limit: this.config.maxImagePixels });
    }
    let processed;
    try {
      processed = await this.decodes.run(() => processImage(bytes, this.config.maxImagePixels));
    } catch (error) {
      this.logger.warn({ userId: ownerId, type, err: (error as Error).message }, 'image could not be decoded');
      throw unsupported(type === 'heic' ? '暂不支持这张 HEIC 照片，请在相机设置中选择“兼容性最佳”后重拍，或截图上传' : '无法识别这张照片，请换一张');
    }
    await this.checkDailyLimit(ownerId, processed.image.length + processed.thumbnail.length);
    const stem = `photos/${new Date().toISOString().slice(0, 7).replace('-', '/')}/${randomUUID()}`;
    const storageKey = `${stem}.jpg`;
    const thumbnailKey = `${stem}_t.jpg`;
    await this.storage.put(storageKey, processed.image, 'image/jpeg');
    try {
      await this.storage.put(thumbnailKey, processed.thumbnail, 'image/jpeg');
      const saved = await this.db.getRepository(Upload).save(
        this.db.getRepository(Upload).create({
          ownerId,
          storageKey,
          thumbnailKey,
          bytes: processed.image.length,
          width: processed.width,
          height: processed.height,
          sha256: createHash('sha256').update(processed.image).digest('hex'),
          attachedAt: null,
          moderation: 'none',
          moderationTraceId: null,
        }),
      );
      return { ...(await this.photoView(saved)), width: saved.width, height: saved.height, bytes: saved.bytes };
    } catch (error) {
      // Nothing half-stored: take the objects back out if the record could not be written.
      await Promise.allSettled([this.storage.delete(storageKey), this.storage.delete(thumbnailKey)]);
      throw error;
    }
  }

  /** A PDF voucher: read by a real parser (pdf.ts) and refused if it acts or does not parse; kept byte for byte (it is evidence). */
  private async storePdf(bytes: Buffer, ownerId: number): Promise<UploadView> {
    const verdict = await this.decodes.run(() => inspectPdf(bytes));
    if (!verdict.ok) {
      this.logger.warn({ userId: ownerId, reason: verdict.reason, detail: verdict.detail }, 'PDF refused');
      if (verdict.reason === 'active') throw new DomainError(422, 'PDF_ACTIVE_CONTENT', `PDF 中含有脚本、自动操作或附件（${verdict.detail}），不能作为凭证上传`, { found: verdict.detail });
      throw new DomainError(422, 'PDF_UNREADABLE', '无法读取这份 PDF（文件不完整、已加密或没有页面），请重新导出后上传');
    }
    await this.checkDailyLimit(ownerId, bytes.length);
    const storageKey = `vouchers/${new Date().toISOString().slice(0, 7).replace('-', '/')}/${randomUUID()}.pdf`;
    await this.storage.put(storageKey, bytes, 'application/pdf');
    try {
      const saved = await this.db.getRepository(Upload).save(
        this.db.getRepository(Upload).create({
          ownerId,
          storageKey,
          thumbnailKey: '',
          kind: 'pdf',
          bytes: bytes.length,
          width: 0,
          height: 0,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          attachedAt: null,
          moderation: 'none',
          moderationTraceId: null,
        }),
      );
      return { ...(await this.photoView(saved)), width: 0, height: 0, bytes: saved.bytes };
    } catch (error) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Attaches the caller's own, not yet used uploads (in order). Any id that is not theirs or already used makes
   * the whole request invalid.
   */
  async claim(ids: number[], ownerId: number, m: EntityManager, kinds: readonly Upload['kind'][] = ['image']): Promise<Upload[]> {
    if (!ids.length) return [];
    if (new Set(ids).size !== ids.length) throw invalid('同一张照片不能重复添加', { field: 'photoIds' }, 'INVALID_PHOTOS');
    const uploads = (await m.getRepository(Upload).findBy({ id: In(ids), ownerId, attachedAt: IsNull() })).filter((u) => kinds.includes(u.kind));
    if (uploads.length !== ids.length) throw invalid('照片或凭证无效、已被使用，请重新上传', { field: 'photoIds' }, 'INVALID_PHOTOS');
    const claimed = await m.getRepository(Upload).update({ id: In(ids), attachedAt: IsNull() }, { attachedAt: new Date() });
    if (claimed.affected !== ids.length) throw invalid('照片无效或已被使用，请重新上传', { field: 'photoIds' }, 'INVALID_PHOTOS');
    return ids.map((id) => uploads.find((u) => u.id === id) as Upload);
  }

  /**
   * Job: uploads nothing took within 24 hours (a report abandoned after its photos went up) are deleted, row first
   * and then the files, so a claim at the same moment either wins (the row is attached and stays) or finds nothing.
   */
  async deleteUnattached(now = new Date(), batch = 200): Promise<number> {
    const stale = await this.db.getRepository(Upload).find({ where: { attachedAt: IsNull(), createdAt: LessThan(new Date(now.getTime() - UNATTACHED_TTL_MS)) }, order: { id: 'ASC' }, take: batch });
    let deleted = 0;
    for (const upload of stale) {
      const result = await this.db.getRepository(Upload).delete({ id: upload.id, attachedAt: IsNull() });
      if (!result.affected) continue;
      deleted++;
      for (const key of [upload.storageKey, upload.thumbnailKey].filter(Boolean)) {
        await this.storage.delete(key).catch((error) => this.logger.warn({ key, err: (error as Error).message }, 'could not delete an unattached file'));
      }
    }
    return deleted;
  }

  async findByIds(ids: number[]): Promise<Upload[]> {
    return ids.length ? this.db.getRepository(Upload).findBy({ id: In(ids) }) : [];
  }

  /** Views in the given order; photos WeChat judged risky are left out. */
  async photoViews(ids: number[], hideRisky = true): Promise<PhotoView[]> {
    const uploads = await this.findByIds(ids);
    const views: PhotoView[] = [];
    for (const id of ids) {
      const upload = uploads.find((u) => u.id === id);
      if (upload && !(hideRisky && upload.moderation === 'risky')) views.push(await this.photoView(upload));
    }
    return views;
  }

  async photoView(upload: Upload): Promise<PhotoView> {
    return {
      id: upload.id,
      url: await this.fileUrl(upload.storageKey),
      thumbnailUrl: upload.thumbnailKey ? await this.fileUrl(upload.thumbnailKey) : '',
    };
  }

  /**
   * A URL the app can put in an <image>: the store's own presigned URL, or our signed /api/v1/files link. The
   * expiry is rounded to the hour so the same photo keeps the same URL for a while (caches work).
   */
  async fileUrl(key: string, absolute = false): Promise<string> {
    const direct = await this.storage.directUrl(key, this.config.urlTtlSeconds);
    if (direct) return direct;
    const hour = 3600;
    const expires = Math.ceil((Date.now() / 1000 + this.config.urlTtlSeconds) / hour) * hour;
    const path = `/api/v1/files/${key}?exp=${expires}&sig=${this.sign(key, expires)}`;
    return absolute && this.config.publicBaseUrl ? `${this.config.publicBaseUrl}${path}` : path;
  }

  /** Streams a stored file if the signature holds and has not expired. */
  async openSigned(key: string, expires: number, signature: string): Promise<Readable> {
    const expected = Buffer.from(this.sign(key, expires));
    const given = Buffer.from(signature);
    const valid = given.length === expected.length && timingSafeEqual(given, expected) && expires * 1000 > Date.now();
    if (!valid) throw new DomainError(403, 'LINK_EXPIRED', '图片链接已失效，请刷新页面');
    const stream = await this.storage.get(key);
    if (!stream) throw new DomainError(404, 'NOT_FOUND', '文件不存在');
    return stream;
  }

  async setModeration(traceId: string, verdict: 'pass' | 'risky'): Promise<number> {
    const result = await this.db.getRepository(Upload).update({ moderationTraceId: traceId }, { moderation: verdict });
    return result.affected ?? 0;
  }

  async markPending(uploadId: number, traceId: string): Promise<void> {
    await this.db.getRepository(Upload).update(uploadId, { moderation: 'pending', moderationTraceId: traceId });
  }

  private sign(key: string, expires: number): string {
    return createHmac('sha256', this.config.urlSecret).update(`${key}\n${expires}`).digest('base64url');
  }
}
