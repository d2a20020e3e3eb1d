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

  /** A secret: in production it must be set and long enough; elsewhere a fixed development value is used. */
  secret(name: string, production: boolean, developmentValue: string, minLength = 32): string {
    const value = this.raw(name);
    if (value === undefined) {
      if (production) throw new ConfigError(name, 'is required in production');
      return developmentValue;
    }
    if (value.length < minLength) throw new ConfigError(name, `must be at least ${minLength} characters long`);
    return value;
  }
}

/** The repository root, from src/config or dist/config alike. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
