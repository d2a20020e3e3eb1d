import * as path from 'node:path';
import { registerAs } from '@nestjs/config';
import { ConfigError, DEVELOPMENT_SECRETS, EnvReader } from './env';
import { readAppConfig } from './app.config';

/** Where photos and vouchers go: a local folder (default) or any S3-compatible store (MinIO, COS, OSS). */
export function readStorageConfig(env = new EnvReader()) {
  const { dataDir, production } = readAppConfig(env);
  const driver = env.oneOf('STORAGE_DRIVER', ['local', 's3'] as const, 'local');
  const s3 =
    driver === 's3'
      ? {
          endpoint: env.url('STORAGE_S3_ENDPOINT', ['http:', 'https:'])?.toString().replace(/\/$/, '') ?? null,
          region: env.string('STORAGE_S3_REGION', 'us-east-1'),
          bucket: env.string('STORAGE_S3_BUCKET'),
          accessKeyId: env.string('STORAGE_S3_ACCESS_KEY'),
          secretAccessKey: env.string('STORAGE_S3_SECRET_KEY'),
          /** MinIO and most self-hosted stores want path-style URLs; COS/OSS virtual-hosted ones. */
          forcePathStyle: env.bool('STORAGE_S3_FORCE_PATH_STYLE', true),
        }
      : null;
  const secret = env.secret('FILE_URL_SECRET', production, DEVELOPMENT_SECRETS.fileUrl);
  if (driver === 's3' && !s3?.bucket) throw new ConfigError('STORAGE_S3_BUCKET', 'is required when STORAGE_DRIVER=s3');
  return {
    driver,
    localDir: path.resolve(env.string('STORAGE_LOCAL_DIR', path.join(dataDir, 'uploads'))),
    s3,
    /** Signs the short-lived file URLs handed to the app (images cannot send an Authorization header). */
    urlSecret: secret,
    urlTtlSeconds: env.int('FILE_URL_TTL', 24 * 3600, 60, 7 * 24 * 3600),
    /** How the outside world (WeChat's media check) reaches this API, e.g. https://wuye.example.cn. */
    publicBaseUrl: env.url('PUBLIC_BASE_URL', ['http:', 'https:'])?.toString().replace(/\/$/, '') ?? null,
    maxUploadBytes: 10 * 1024 * 1024,
    /** Files one user may upload per day (Asia/Shanghai), and the megabytes kept for them. */
    dailyUploadCount: env.int('UPLOAD_DAILY_COUNT', 200, 1, 100000),
    dailyUploadBytes: env.int('UPLOAD_DAILY_MB', 500, 1, 1024 * 1024) * 1024 * 1024,
    /** Pixels a photo may have, read from its header before it is decoded (a small file can hold a huge picture). */
    maxImagePixels: env.int('IMAGE_MAX_MEGAPIXELS', 40, 1, 1000) * 1_000_000,
    /** Photos decoded (and PDFs parsed) at once by one process; the others wait their turn. */
    decodeConcurrency: env.int('IMAGE_DECODE_CONCURRENCY', 2, 1, 64),
  };
}

export const storageConfig = registerAs('storage', () => readStorageConfig());
export type StorageConfig = ReturnType<typeof readStorageConfig>;
