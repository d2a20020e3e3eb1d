import * as path from 'node:path';

/** A setting that is missing or wrong. main.ts prints its message as one line and exits. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Invalid setting ${setting}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const show = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** Typed readers over process.env (or a given map). Empty strings count as unset. */
export class EnvReader {
  constructor(private readonly env: Env = process.env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) throw new ConfigError(name, 'is required but not set');
    return value;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new ConfigError(name, `must be an integer from ${min} to ${max} (got ${show(value)})`);
    }
    return Number(value);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    throw new ConfigError(name, `must be true or false (got ${show(value)})`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got ${show(value)})`);
    }
    return value as T;
  }

  url(name: string, protocols: string[]): URL | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(name, `is not a valid URL (expected ${protocols.map((p) => `${p}//…`).join(' or ')})`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${parsed.protocol}//…)`);
    }
    return parsed;
  }

  /**
   * A secret: in production it must be set, long enough, none of the development values this repository publishes,
   * and not guessable; elsewhere a fixed development value is used.
   */
  secret(name: string, production: boolean, developmentValue: string, minLength = 32): string {
    const value = this.raw(name);
    if (value === undefined) {
      if (production) throw new ConfigError(name, 'is required in production');
      return developmentValue;
    }
    if (value.length < minLength) throw new ConfigError(name, `must be at least ${minLength} characters long`);
    if (production) {
      if (DEVELOPMENT_SECRET_LIST.some((published) => published.toLowerCase() === value.toLowerCase())) {
        throw new ConfigError(name, 'is a development value published in this repository; generate one (openssl rand -base64 48, or -hex 32 for a key)');
      }
      const weakness = secretWeakness(value);
      if (weakness) throw new ConfigError(name, `is too weak (${weakness}); generate one (openssl rand -base64 48, or -hex 32 for a key)`);
    }
    return value;
  }
}

/** The development values of every secret, as published in this repository: never accepted in production. */
export const DEVELOPMENT_SECRETS = {
  jwt: 'development-only-secret-never-used-in-production-0000',
  phoneKey: '0'.repeat(64),
  fileUrl: 'development-only-file-url-secret-000000000000',
} as const;
const DEVELOPMENT_SECRET_LIST: readonly string[] = Object.values(DEVELOPMENT_SECRETS);

/**
 * Words of placeholders and hand-made secrets. A random secret holds none of them: a hex key cannot (each word has a
 * letter beyond f), a base64 one by chance about once in ten million.
 */
const PLACEHOLDER_WORDS = /change.?me|example|password|passwd|secret|development|default|placeholder|qwerty/i;

/**
 * Why a secret is guessable, or null: a random one of 32+ characters (base64 or hex) uses far more than 12 different
 * characters and none of the words people type; 'x'.repeat(40), 'abab…' or 'my-jwt-secret-for-production' do not.
 */
function secretWeakness(value: string): string | null {
  if (new Set(value).size < 12) return 'too few different characters';
  if (PLACEHOLDER_WORDS.test(value)) return 'it contains a placeholder word';
  return null;
}

/** The repository root, from src/config or dist/config alike. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
