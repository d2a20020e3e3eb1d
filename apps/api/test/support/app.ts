import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { createTestDatabase, TestDatabase } from './database';

export interface TestApp {
  app: NestExpressApplication;
  db: DataSource;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Signs in as a user with this dev key (fixtures create them) and returns the bearer header. */
  signIn(devKey: string): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

/** The real HTTP pipeline (configureApp) on a database of its own. `env` overrides settings for this app. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const saved = { ...process.env };
  Object.assign(
    process.env,
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_ROOT: '/nonexistent', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', RATE_LIMIT_WRITES_PER_MINUTE: '100000' },
    database.env,
    env,
  );
  let app: NestExpressApplication;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true, bodyParser: false });
    configureApp(app);
    await app.init();
  } finally {
    process.env = saved;
  }
  const db = app.get(DataSource);
  const http = () => request(app.getHttpServer());
  return {
    app,
    db,
    database,
    http,
    async signIn(devKey: string) {
      const res = await http().post('/api/v1/auth/dev').send({ user: devKey }).expect(200);
      return { Authorization: `Bearer ${res.body.accessToken}` };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
