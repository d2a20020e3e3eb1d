import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter } from '../../src/app.setup';
import { AuthService } from '../../src/modules/identity/auth.service';
import { User } from '../../src/modules/identity/user.entity';
import { createTestDatabase, TestDatabase } from './database';
import { createUser, RoleSpec } from './fixtures';

export interface TestApp {
  app: NestFastifyApplication;
  db: DataSource;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Signs in as the user with this dev key (fixtures create them) and returns the bearer header. */
  signIn(devKey: string): Promise<{ Authorization: string }>;
  /** A new user with these roles (none: a newcomer), signed in. */
  signInAs(...roles: RoleSpec[]): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

/**
 * Load shedding by event-loop delay and pool wait measures the machine as much as the app: on a busy CI machine a
 * test would be answered 503 SERVER_BUSY at random. Tests turn those two checks off unless they test shedding.
 */
export const UNSHED = { SHED_EVENT_LOOP_DELAY_MS: '0', SHED_DB_WAIT_MS: '0' };

/** One app for the file's tests: started before the first, closed after the last. */
export function useTestApp(...args: Parameters<typeof createTestApp>): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await createTestApp(...args);
  });
  afterAll(() => started?.close());
  return new Proxy({} as TestApp, {
    get(_, key: keyof TestApp) {
      if (!started) throw new Error('the test app starts in beforeAll');
      return started[key];
    },
  });
}

/** The real HTTP pipeline (configureApp) on a database of its own. `env` overrides settings for this app. */
export async function createTestApp(env: Record<string, string> = {}, options: Parameters<typeof configureApp>[1] = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const saved = { ...process.env };
  Object.assign(
    process.env,
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_ROOT: '/nonexistent', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', RATE_LIMIT_WRITES_PER_MINUTE: '100000', ...UNSHED },
    database.env,
    env,
  );
  let app: NestFastifyApplication;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { bufferLogs: true, bodyParser: false });
    configureApp(app, options);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await database.drop();
    throw error;
  } finally {
    process.env = saved;
  }
  const db = app.get(DataSource);
  const http = () => request(app.getHttpServer());
  // Straight to the token service: works whether or not development sign-in exists in this app.
  const signIn = async (devKey: string) => {
    const user = await db.getRepository(User).findOneByOrFail({ devKey });
    const tokens = await app.get(AuthService).issueTokens(user.id);
    return { Authorization: `Bearer ${tokens.accessToken}` };
  };
  return {
    app,
    db,
    database,
    http,
    signIn,
    signInAs: async (...roles: RoleSpec[]) => signIn((await createUser(db, roles)).devKey),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
