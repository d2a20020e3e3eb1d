import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import * as path from 'node:path';
import { parse as parseForm } from 'node:querystring';
import { HttpException, VersioningType } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { ApiExceptionFilter, replyError } from './common/error.filter';
import { DomainError } from './common/errors';
import { registerLoadShedding, wasShed } from './common/load-shedding';
import { createAppLogger, logRequest } from './common/request-log';
import { createValidationPipe } from './common/validation';
import { appConfig, readAppConfig, sheddingConfig, type AppConfig, type SheddingConfig } from './config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const JSON_LIMIT = 1024 * 1024;
const FORM_LIMIT = 100 * 1024;
/** Paths that are the API's: never a file of the H5 build, whatever the folder holds. */
const NOT_FILES = /^\/(api|open311)(\/|$)/;

/** Headers on every answer: the request id to quote, and no content sniffing. */
const stamp = (req: FastifyRequest, reply: FastifyReply) => reply.header('X-Request-Id', req.id).header('X-Content-Type-Options', 'nosniff');

/**
 * The HTTP server under Nest: Fastify (its router and reply path cost a fraction of Express's per request; the
 * inbox is the hottest route we have). Client IPs behind `TRUST_PROXY` proxies, a request id per request (taken from
 * X-Request-Id when it is well formed), keep-alive longer than any load balancer's idle timeout.
 */
export function createHttpAdapter(config: AppConfig = readAppConfig()): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: config.trustProxy || false,
    bodyLimit: JSON_LIMIT,
    keepAliveTimeout: 65_000,
    // SIGTERM: requests already on a connection are still served (the old 503 would make the app resend them).
    return503OnClosing: false,
    // A body trickled in slowly cannot hold a connection for ever (Node's own default, which Fastify turns off).
    requestTimeout: 300_000,
    logger: false,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot read (bad percent-encoding, a path parameter over 100 characters) still gets the
    // request id, the one error shape, or GeoReport's list under /open311.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      stamp(req, reply);
      replyError(new HttpException(error.message, error.statusCode ?? 400), req, reply);
    },
  });
}

/**
 * Everything about the HTTP pipeline, in one place that main.ts and the e2e tests share: request ids, logging, load
 * shedding, body parsers, /api prefix and /api/v1 versioning, validation, the one error shape, OpenAPI,
 * and the H5 build of the mini-program at `/`. Create the app on `createHttpAdapter()` with `bodyParser: false`.
 */
export function configureApp(app: NestFastifyApplication, options: { logDestination?: DestinationStream } = {}): NestFastifyApplication {
  const config = app.get<AppConfig>(appConfig.KEY);
  const logger = createAppLogger(config.logLevel, options.logDestination, config.logFormat);
  app.useLogger(logger);
  const server = app.getHttpAdapter().getInstance();

  server.addHook('onRequest', (req, reply, done) => {
    stamp(req, reply);
    // One log line per answer, also for a client that hung up before it (finish alone would miss those).
    if (req.url !== '/api/health') reply.raw.once('close', () => wasShed(req) || logRequest(logger.pino, req, reply));
    done();
  });
  // After the hook above: a shed call still carries its request id.
  registerLoadShedding(app, app.get<SheddingConfig>(sheddingConfig.KEY), app.get(DataSource), logger.pino);

  acceptBodies(server);
  void app.register(fastifyMultipart as never);

  app.setGlobalPrefix('api', { exclude: ['open311/{*path}'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());

  if (config.apiDocs) serveApiDocs(app);
  serveMiniProgram(app, config.webRoot);
  return app;
}

/** OpenAPI at /api/docs and /api/docs-json (API_DOCS; off in production unless set: it maps every route for a prober). */
function serveApiDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('物业通 API')
      .setDescription(
        'Property-service platform: tickets (随手拍), disclosures (公示), oversight. Every error has the shape ' +
          '{statusCode, code, message, details?, requestId}. Lists use keyset pagination: pass nextCursor back as cursor.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}

/**
 * JSON bodies up to 1 MB, and form bodies (Open311 clients, 12345 hotlines, post form-encoded as GeoReport v2 shows)
 * up to 100 KB. A body that is not JSON, too deep, or carries prototype keys is refused before any code reads it.
 */
function acceptBodies(server: FastifyInstance): void {
  server.removeContentTypeParser(['application/json', 'text/plain']);
  server.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_LIMIT }, (_req, text, done) => {
    if (text === '') return done(null, undefined);
    let body: unknown;
    try {
      body = JSON.parse(text as string);
    } catch {
      return done(new DomainError(400, 'MALFORMED_JSON', '请求内容不是有效的 JSON'), undefined);
    }
    const refused = checkShape(body);
    return refused ? done(refused, undefined) : done(null, body);
  });
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, text, done) => {
    done(null, { ...parseForm(text as string) });
  });
}

const MAX_JSON_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * No request of ours nests deeper than a few levels; a deeper one (built to exhaust the stack of whatever walks it)
 * or one carrying prototype keys is refused before any code reads it. Walked iteratively: no recursion to exhaust.
 */
function checkShape(body: unknown): DomainError | undefined {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return new DomainError(400, 'MALFORMED_JSON', `请求内容嵌套过深（不超过 ${MAX_JSON_DEPTH} 层）`);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return new DomainError(400, 'MALFORMED_JSON', `请求内容含有不允许的字段名 ${key}`);
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

/** The H5 build at `/`; when it has not been built yet, a page that says how. */
function serveMiniProgram(app: NestFastifyApplication, webRoot: string): void {
  if (fs.existsSync(path.join(webRoot, 'index.html'))) {
    void app.register(fastifyStatic as never, {
      root: webRoot,
      index: 'index.html',
      maxAge: '1h',
      dotfiles: 'ignore',
      // API paths never answer with a file, even where the folder holds one of that name.
      allowedPath: (pathName: string) => !NOT_FILES.test(pathName),
      setHeaders: (reply: FastifyReply, file: string) => {
        if (file.endsWith('.html')) reply.header('Cache-Control', 'no-cache');
      },
    });
    return;
  }
  app
    .getHttpAdapter()
    .getInstance()
    .get('/', (_req, reply) => {
      void reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>物业通</title>' +
            '<p>物业通 API 已启动。小程序 H5 版本尚未构建：请运行 <code>npm run build:h5</code> 后刷新。</p>' +
            '<p><a href="/api/docs">API 文档</a> · <a href="/api/health">健康检查</a></p>',
        );
    });
}
