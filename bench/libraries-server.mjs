// One HTTP server for bench/libraries.mjs, in the variant named by argv[2]; prints its port when it listens.
// It answers GET /x with a 20-item JSON list (about an inbox page) and POST /x with a small JSON body.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO } from './lib.mjs';

const variant = process.argv[2];
const cache = process.argv[3];
const fromRepo = createRequire(join(REPO, 'apps/api/package.json'));
const fromCache = createRequire(join(cache, 'package.json'));
const pino = fromRepo('pino');
const fastify = fromRepo('fastify');

const items = Array.from({ length: 20 }, (_, i) => ({ id: 1000 - i, communityName: '锦绣花园', categoryName: '设施故障', summary: '3栋电梯按钮失灵，按了没反应，请尽快处理', state: 'submitted', createdAt: new Date().toISOString(), version: 1 }));
const page = { items, nextCursor: 'MTAwMA' };
// Every variant logs to the same place, so only the work of building and writing lines differs.
const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));

async function logging(kind) {
  const app = fastify(kind === 'fastify' ? { loggerInstance: logger } : { logger: false });
  if (kind === 'ours') {
    const { logRequest } = fromRepo('./dist/common/request-log.js');
    app.addHook('onRequest', (req, reply, done) => {
      reply.raw.once('close', () => logRequest(logger, req, reply));
      done();
    });
  }
  if (kind === 'pino-http') {
    // What nestjs-pino installs: pino-http on the raw request and response.
    const http = fromCache('pino-http')({ logger });
    app.addHook('onRequest', (req, reply, done) => {
      http(req.raw, reply.raw);
      done();
    });
  }
  app.get('/x', async () => page);
  app.post('/x', async () => ({ ok: true }));
  return app;
}

/** A Nest app on Fastify with GET /x and POST /x, its module built from `imports` and `providers`. */
async function nestApp(imports, providers, configure = () => undefined) {
  const { Controller, Get, Post, Module } = fromRepo('@nestjs/common');
  const { NestFactory } = fromRepo('@nestjs/core');
  const { FastifyAdapter } = fromRepo('@nestjs/platform-fastify');
  class X {
    list() {
      return page;
    }
    write() {
      return { ok: true };
    }
  }
  Reflect.decorate([Get('x')], X.prototype, 'list', Object.getOwnPropertyDescriptor(X.prototype, 'list'));
  Reflect.decorate([Post('x')], X.prototype, 'write', Object.getOwnPropertyDescriptor(X.prototype, 'write'));
  const XController = Reflect.decorate([Controller()], X);
  class AppModule {}
  Reflect.decorate([Module({ imports, controllers: [XController], providers })], AppModule);
  const app = await NestFactory.create(AppModule, new FastifyAdapter({ logger: false }), { logger: false, bufferLogs: true });
  configure(app);
  await app.init();
  return { listen: (opts) => app.listen(opts.port, opts.host), server: () => app.getHttpServer() };
}

/** Request logging in Nest: ours (a Fastify hook, as app.setup.ts has it) or nestjs-pino (pino-http as Nest middleware). */
async function nestLogging(kind) {
  fromRepo('reflect-metadata');
  if (kind === 'ours') {
    const { logRequest } = fromRepo('./dist/common/request-log.js');
    return nestApp([], [], (app) =>
      app.getHttpAdapter().getInstance().addHook('onRequest', (req, reply, done) => {
        reply.raw.once('close', () => logRequest(logger, req, reply));
        done();
      }),
    );
  }
  const { LoggerModule, Logger } = fromCache('nestjs-pino');
  return nestApp([LoggerModule.forRoot({ pinoHttp: { logger } })], [], (app) => app.useLogger(app.get(Logger)));
}

async function limiting(kind) {
  fromRepo('reflect-metadata');
  const { APP_GUARD, Reflector } = fromRepo('@nestjs/core');
  const generous = 1_000_000_000;
  let providers;
  let imports = [];
  if (kind === 'ours') {
    const { RateLimitGuard } = fromRepo('./dist/modules/limits/rate-limit.guard.js');
    const { RATE_LIMITER } = fromRepo('./dist/modules/limits/limits.module.js');
    const { MemoryRateLimiter } = fromRepo('./dist/modules/limits/rate-limiter.js');
    const { limitsConfig } = fromRepo('./dist/config/index.js');
    providers = [
      { provide: RATE_LIMITER, useValue: new MemoryRateLimiter() },
      { provide: limitsConfig.KEY, useValue: { signInPerMinute: generous, writesPerMinute: generous } },
      { provide: APP_GUARD, useFactory: (reflector, limiter, config) => new RateLimitGuard(reflector, limiter, config), inject: [Reflector, RATE_LIMITER, limitsConfig.KEY] },
    ];
  } else {
    const { ThrottlerModule, ThrottlerGuard } = fromCache('@nestjs/throttler');
    imports = [ThrottlerModule.forRoot({ throttlers: [{ name: 'writes', ttl: 60_000, limit: generous }], skipIf: (context) => context.switchToHttp().getRequest().method === 'GET' })];
    providers = [{ provide: APP_GUARD, useClass: ThrottlerGuard }];
  }
  return nestApp(imports, providers);
}

const [group, kind] = variant.split(':');
if (group === 'log') {
  const app = await logging(kind);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${app.server.address().port}\n`);
} else {
  const app = group === 'nestlog' ? await nestLogging(kind) : await limiting(kind);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${app.server().address().port}\n`);
}
process.on('SIGTERM', () => process.exit(0));
