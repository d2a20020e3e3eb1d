import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { PhotoView, UploadView } from '@wuye/contracts';
import { storageConfig, type StorageConfig } from '../../config';
import { DomainError, invalid } from '../../common/errors';
import { processImage, sniffImage } from './images';
import { OBJECT_STORAGE } from './uploads.tokens';
import type { ObjectStorage } from './storage';
import { Upload } from './upload.entity';

const unsupported = (message: string) => new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

@Injectable()
export class UploadsService {
  private readonly logger = new Logger('Uploads');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(storageConfig.KEY) private readonly config: StorageConfig,
  ) {}

  /**
   * A photo from the app: its real type read from the bytes, re-encoded to a metadata-free JPEG ≤ 1600 px with a
   * thumbnail. Anything else is refused and nothing is stored.
   */
  async upload(bytes: Buffer, ownerId: number): Promise<UploadView> {
    if (bytes.length > this.config.maxUploadBytes) throw new DomainError(413, 'PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
    if (isPdf(bytes)) return this.storePdf(bytes, ownerId);
    const type = sniffImage(bytes);
    if (!type) throw unsupported('只能上传照片（JPEG、PNG、WebP 或 HEIC）或 PDF 凭证');
    let processed;
    try {
      processed = await processImage(bytes);
    } catch (error) {
      this.logger.warn({ type, err: (error as Error).message }, 'image could not be decoded');
      throw unsupported(type === 'heic' ? '暂不支持这张 HEIC 照片，请在相机设置中选择“兼容性最佳”后重拍，或截图上传' : '无法识别这张照片，请换一张');
    }
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

  /** A PDF voucher: checked to be a PDF without scripts, kept byte for byte (it is evidence). */
  private async storePdf(bytes: Buffer, ownerId: number): Promise<UploadView> {
    if (!bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF')) throw unsupported('PDF 文件不完整，请重新导出后上传');
    if (/\/(JavaScript|JS|Launch|EmbeddedFile)\b/.test(bytes.toString('latin1'))) throw unsupported('PDF 中含有脚本或附件，不能作为凭证上传');
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
