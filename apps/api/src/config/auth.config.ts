import { registerAs } from '@nestjs/config';
import { ConfigError, DEVELOPMENT_SECRETS, EnvReader } from './env';
import { readAppConfig } from './app.config';

export function readAuthConfig(env = new EnvReader()) {
  const { production } = readAppConfig(env);
  const phoneKeyHex = env.secret('PHONE_ENCRYPTION_KEY', production, DEVELOPMENT_SECRETS.phoneKey, 64);
  if (!/^[0-9a-fA-F]{64}$/.test(phoneKeyHex)) {
    throw new ConfigError('PHONE_ENCRYPTION_KEY', 'must be 64 hexadecimal characters (a 256-bit key)');
  }
  return {
    jwtSecret: env.secret('AUTH_JWT_SECRET', production, DEVELOPMENT_SECRETS.jwt),
    /** Seconds an access token lives. */
    accessTokenTtl: env.int('ACCESS_TOKEN_TTL', 900, 60, 86400),
    /** Seconds a refresh token lives (it rotates on every use). */
    refreshTokenTtl: env.int('REFRESH_TOKEN_TTL', 30 * 86400, 3600, 365 * 86400),
    phoneKey: Buffer.from(phoneKeyHex, 'hex'),
  };
}

export const authConfig = registerAs('auth', () => readAuthConfig());
export type AuthConfig = ReturnType<typeof readAuthConfig>;
