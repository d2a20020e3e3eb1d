import { EnvReader } from './env';
import { appConfig, readAppConfig } from './app.config';
import { authConfig, readAuthConfig } from './auth.config';
import { databaseConfig, readDatabaseConfig } from './database.config';
import { readWechatConfig, wechatConfig } from './wechat.config';
import { limitsConfig, readLimitsConfig } from './limits.config';
import { readStorageConfig, storageConfig } from './storage.config';
import { readSheddingConfig, sheddingConfig } from './shedding.config';

export { ConfigError, DEVELOPMENT_SECRETS, EnvReader } from './env';
export { appConfig, readAppConfig, type AppConfig } from './app.config';
export { databaseConfig, readDatabaseConfig, type DatabaseConfig } from './database.config';
export { authConfig, type AuthConfig } from './auth.config';
export { readWechatConfig, wechatConfig, type WechatConfig } from './wechat.config';
export { limitsConfig, readLimitsConfig, type LimitsConfig } from './limits.config';
export { readStorageConfig, storageConfig, type StorageConfig } from './storage.config';
export { DEFAULT_EVENT_LOOP_DELAY_MS, readSheddingConfig, sheddingConfig, type SheddingConfig } from './shedding.config';

/** Every config namespace: loaded into ConfigModule, and each read once at start-up to validate it. */
const NAMESPACES = [
  [appConfig, readAppConfig],
  [databaseConfig, readDatabaseConfig],
  [authConfig, readAuthConfig],
  [wechatConfig, readWechatConfig],
  [limitsConfig, readLimitsConfig],
  [storageConfig, readStorageConfig],
  [sheddingConfig, readSheddingConfig],
] as const;

export const configNamespaces = NAMESPACES.map(([namespace]) => namespace);

/** Reads every setting so that a bad one stops start-up before anything else happens. Throws ConfigError. */
export function validateAllSettings(env = new EnvReader()): void {
  for (const [, read] of NAMESPACES) read(env);
}

/** Development sign-in exists only outside production and while no WeChat secret is configured. */
export function devSignInEnabled(env = new EnvReader()): boolean {
  return !readAppConfig(env).production && !readWechatConfig(env).secret;
}
