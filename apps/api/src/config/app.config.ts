import * as path from 'node:path';
import { registerAs } from '@nestjs/config';
import { EnvReader, REPO_ROOT } from './env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

/**
 * Short readable lines for a person at a terminal in development; JSON lines (one object per line, for machines) in
 * production, in CI and whenever the output goes to a file or a pipe.
 */
function defaultLogFormat(nodeEnv: string, env: EnvReader, terminal: boolean): (typeof LOG_FORMATS)[number] {
  const ci = env.optional('CI');
  const inCi = ci !== undefined && !['0', 'false'].includes(ci.toLowerCase());
  return nodeEnv === 'development' && terminal && !inCi ? 'pretty' : 'json';
}

export function readAppConfig(env = new EnvReader(), terminal = Boolean(process.stdout.isTTY)) {
  const nodeEnv = env.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDir = path.resolve(env.string('DATA_DIR', path.join(REPO_ROOT, 'data')));
  return {
    nodeEnv,
    production: nodeEnv === 'production',
    /** 0: a free port the system picks, announced once listening (and sent to a parent that started the process with an IPC channel). */
    port: env.int('PORT', 3000, 0, 65535),
    host: env.string('HOST', '0.0.0.0'),
    /**
     * Connections the kernel holds before the process accepts them. Node's 511 drops the rest of a burst (1,600 phones
     * at once): each dropped SYN is tried again after 1 s, then 3 s, a wait no shedding can shorten. The kernel caps it
     * at net.core.somaxconn.
     */
    listenBacklog: env.int('LISTEN_BACKLOG', 4096, 1, 65535),
    dataDir,
    /** The H5 build of the mini-program, served at `/` by the same process. */
    webRoot: path.resolve(env.string('WEB_ROOT', path.join(REPO_ROOT, 'miniapp/dist/h5'))),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    logFormat: env.oneOf('LOG_FORMAT', LOG_FORMATS, defaultLogFormat(nodeEnv, env, terminal)),
    /** Number of reverse proxies in front of the API (for client IPs in logs and rate limits). */
    trustProxy: env.int('TRUST_PROXY', 0, 0, 10),
    /** How often scheduled jobs (overdue tickets, auto-close, message delivery) run; 0 turns them off here. */
    jobsIntervalSeconds: env.int('JOBS_INTERVAL_SECONDS', nodeEnv === 'test' ? 0 : 60, 0, 3600),
    /** Seed the demo county into an empty database at start. */
    seedDemo: env.bool('SEED_DEMO', nodeEnv === 'development'),
    /** The API documentation at /api/docs (and /api/docs-json): off in production unless asked for. */
    apiDocs: env.bool('API_DOCS', nodeEnv !== 'production'),
  };
}

export const appConfig = registerAs('app', () => readAppConfig());
export type AppConfig = ReturnType<typeof readAppConfig>;
