import { randomBytes } from 'node:crypto';
import { ConfigError, DEVELOPMENT_SECRETS, EnvReader, devSignInEnabled, readAppConfig, readDatabaseConfig, validateAllSettings } from './index';

const settings = (env: Record<string, string>) => new EnvReader(env);

/** Secrets as an operator generates them (openssl rand -base64 48 / -hex 32). */
const STRONG = { AUTH_JWT_SECRET: randomBytes(48).toString('base64'), PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'), FILE_URL_SECRET: randomBytes(48).toString('base64') };
const PRODUCTION = { NODE_ENV: 'production', ...STRONG };

describe('settings', () => {
  it('start with no settings at all (development defaults)', () => {
    expect(() => validateAllSettings(settings({}))).not.toThrow();
    expect(readDatabaseConfig(settings({ DB_PATH: '/tmp/x.sqlite' }))).toEqual({ engine: 'sqlite', path: '/tmp/x.sqlite' });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid setting PORT: must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'Invalid setting PORT'],
    [{ NODE_ENV: 'prod' }, 'Invalid setting NODE_ENV: must be one of development, production, test'],
    [{ DB_URL: 'postgres://x@h/db' }, 'Invalid setting DB_URL: must start with mysql:// or mariadb://'],
    [{ DB_URL: 'mysql://root@127.0.0.1:3306/' }, 'Invalid setting DB_URL: must name a database'],
    [{ DB_URL: 'not a url' }, 'Invalid setting DB_URL: is not a valid URL'],
    [{ SEED_DEMO: 'maybe' }, 'Invalid setting SEED_DEMO: must be true or false'],
    [{ NODE_ENV: 'production' }, 'Invalid setting PHONE_ENCRYPTION_KEY: is required in production'],
    [{ NODE_ENV: 'production', PHONE_ENCRYPTION_KEY: STRONG.PHONE_ENCRYPTION_KEY }, 'Invalid setting AUTH_JWT_SECRET: is required in production'],
    [{ ...PRODUCTION, FILE_URL_SECRET: '' }, 'Invalid setting FILE_URL_SECRET: is required in production'],
    // Production refuses the development values this repository publishes, and guessable secrets.
    [{ ...PRODUCTION, AUTH_JWT_SECRET: DEVELOPMENT_SECRETS.jwt }, 'Invalid setting AUTH_JWT_SECRET: is a development value published in this repository'],
    [{ ...PRODUCTION, PHONE_ENCRYPTION_KEY: DEVELOPMENT_SECRETS.phoneKey }, 'Invalid setting PHONE_ENCRYPTION_KEY: is a development value published in this repository'],
    [{ ...PRODUCTION, FILE_URL_SECRET: DEVELOPMENT_SECRETS.fileUrl }, 'Invalid setting FILE_URL_SECRET: is a development value published in this repository'],
    [{ ...PRODUCTION, FILE_URL_SECRET: DEVELOPMENT_SECRETS.jwt.toUpperCase() }, 'Invalid setting FILE_URL_SECRET: is a development value published in this repository'],
    [{ ...PRODUCTION, AUTH_JWT_SECRET: 'x'.repeat(40) }, 'Invalid setting AUTH_JWT_SECRET: is too weak (too few different characters)'],
    [{ ...PRODUCTION, AUTH_JWT_SECRET: 'ab'.repeat(20) }, 'Invalid setting AUTH_JWT_SECRET: is too weak (too few different characters)'],
    [{ ...PRODUCTION, PHONE_ENCRYPTION_KEY: 'ab'.repeat(32) }, 'Invalid setting PHONE_ENCRYPTION_KEY: is too weak (too few different characters)'],
    [{ ...PRODUCTION, PHONE_ENCRYPTION_KEY: '0123456789'.repeat(6) + '0123' }, 'Invalid setting PHONE_ENCRYPTION_KEY: is too weak (too few different characters)'],
    [{ ...PRODUCTION, FILE_URL_SECRET: 'my-very-own-file-url-SECRET-for-wuye-2026' }, 'Invalid setting FILE_URL_SECRET: is too weak (it contains a placeholder word)'],
    [{ ...PRODUCTION, AUTH_JWT_SECRET: 'ChangeMe!ChangeMe!Production2026-wuyetong' }, 'Invalid setting AUTH_JWT_SECRET: is too weak (it contains a placeholder word)'],
    [{ API_DOCS: 'perhaps' }, 'Invalid setting API_DOCS: must be true or false'],
    [{ AUTH_JWT_SECRET: 'short' }, 'Invalid setting AUTH_JWT_SECRET: must be at least 32 characters long'],
    [{ PHONE_ENCRYPTION_KEY: 'z'.repeat(64) }, 'Invalid setting PHONE_ENCRYPTION_KEY: must be 64 hexadecimal characters'],
    [{ WECHAT_SECRET: 'abc' }, 'Invalid setting WECHAT_APPID: is required when WECHAT_SECRET is set'],
    [{ LOG_FORMAT: 'text' }, 'Invalid setting LOG_FORMAT: must be one of json, pretty (got "text")'],
    [{ SHED_DB_WAIT_MS: 'soon' }, 'Invalid setting SHED_DB_WAIT_MS: must be an integer from 0 to 60000 (got "soon")'],
    [{ SHED_EVENT_LOOP_DELAY_MS: '-5' }, 'Invalid setting SHED_EVENT_LOOP_DELAY_MS: must be an integer from 0 to 60000'],
    [{ DB_URL: 'mysql://root@127.0.0.1:3306/wuye', DB_POOL_QUEUE_LIMIT: '0' }, 'Invalid setting DB_POOL_QUEUE_LIMIT: must be an integer from 1 to 100000'],
    [{ LISTEN_BACKLOG: '0' }, 'Invalid setting LISTEN_BACKLOG: must be an integer from 1 to 65535'],
  ])('refuse %j with one line naming the setting', (env, message) => {
    let error: unknown;
    try {
      validateAllSettings(settings(env));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('start in production with generated secrets; weak ones are fine outside production (rule: production secrets)', () => {
    expect(() => validateAllSettings(settings(PRODUCTION))).not.toThrow();
    expect(() => validateAllSettings(settings({ NODE_ENV: 'test', AUTH_JWT_SECRET: 'x'.repeat(40), PHONE_ENCRYPTION_KEY: 'ab'.repeat(32) }))).not.toThrow();
  });

  it('serve the API docs outside production, and in production only when API_DOCS asks (rule: /api/docs off in production)', () => {
    expect(readAppConfig(settings({})).apiDocs).toBe(true);
    expect(readAppConfig(settings(PRODUCTION)).apiDocs).toBe(false);
    expect(readAppConfig(settings({ ...PRODUCTION, API_DOCS: 'true' })).apiDocs).toBe(true);
    expect(readAppConfig(settings({ API_DOCS: 'false' })).apiDocs).toBe(false);
  });

  it('offer development sign-in only outside production and without a WeChat secret', () => {
    expect(devSignInEnabled(settings({}))).toBe(true);
    expect(devSignInEnabled(settings({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }))).toBe(false);
    expect(devSignInEnabled(settings({ NODE_ENV: 'production' }))).toBe(false);
  });

  it('log pretty lines only for a person at a terminal in development, JSON lines everywhere else', () => {
    const format = (env: Record<string, string>, terminal: boolean) => readAppConfig(settings(env), terminal).logFormat;
    expect(format({}, true)).toBe('pretty');
    expect(format({}, false)).toBe('json'); // piped, redirected to a file, started by a test
    expect(format(PRODUCTION, true)).toBe('json');
    expect(format({ NODE_ENV: 'test' }, true)).toBe('json');
    expect(format({ CI: 'true' }, true)).toBe('json');
    expect(format({ CI: 'false' }, true)).toBe('pretty');
    expect(format({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(format({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(format({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('read MySQL settings from DB_URL', () => {
    expect(readDatabaseConfig(settings({ DB_URL: 'mysql://u:p%40ss@db:3306/wuye' }))).toMatchObject({ engine: 'mysql', database: 'wuye' });
  });
});
